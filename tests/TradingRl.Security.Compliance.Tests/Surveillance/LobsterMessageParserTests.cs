using TradingRl.Security.Tests;

namespace TradingRl.Security.Compliance.Tests;

public sealed class LobsterMessageParserTests
{
    private static readonly DateOnly Day = new(2012, 6, 21);
    private static readonly TimeSpan NewYork = TimeSpan.FromHours(-4);

    [Fact]
    public void TryParse_FirstLineOfTheFile_ReadsEveryField()
    {
        Assert.True(LobsterMessageParser.TryParse("34200.004241176,1,16113575,18,5853300,1", "AAPL", Day, NewYork, out var e));

        Assert.Equal(MarketEventKind.OrderAdded, e.Kind);
        Assert.Equal(new DateTimeOffset(2012, 6, 21, 9, 30, 0, NewYork).AddTicks(42_411), e.Timestamp);
        Assert.Equal(new DateTimeOffset(2012, 6, 21, 13, 30, 0, TimeSpan.Zero).AddTicks(42_411), e.Timestamp.ToUniversalTime());
        Assert.Equal(16113575, e.OrderId);
        Assert.Equal(18m, e.Quantity);
        Assert.Equal(585.33m, e.Price);
        Assert.Equal(MarketSide.Buy, e.Side);
        Assert.Null(e.Account);
        Assert.Equal("AAPL", e.Instrument);
    }

    [Theory]
    [InlineData("34200.1,2,5,10,5853300,-1", MarketEventKind.OrderPartiallyCancelled, MarketSide.Sell)]
    [InlineData("34200.1,3,5,10,5853300,1", MarketEventKind.OrderCancelled, MarketSide.Buy)]
    [InlineData("34200.1,4,5,10,5853300,-1", MarketEventKind.OrderExecuted, MarketSide.Sell)]
    [InlineData("34200.1,5,0,10,5853300,1", MarketEventKind.OrderExecuted, MarketSide.Buy)]
    [InlineData("34200,6,5,10,5853300,1", MarketEventKind.OrderExecuted, MarketSide.Buy)]
    public void TryParse_EachType_MapsToKindAndSide(string line, MarketEventKind kind, MarketSide side)
    {
        Assert.True(LobsterMessageParser.TryParse(line, "AAPL", Day, NewYork, out var e));

        Assert.Equal(kind, e.Kind);
        Assert.Equal(side, e.Side);
        Assert.False(e.IsAggressor);
    }

    [Theory]
    [InlineData("34200.1,7,0,0,-1,-1")]
    [InlineData("")]
    [InlineData("34200.1,1,5,10,5853300")]
    [InlineData("34200.1,1,5,10,5853300,1,9")]
    [InlineData("abc,1,5,10,5853300,1")]
    [InlineData("34200.1x,1,5,10,5853300,1")]
    [InlineData("34200.1,9,5,10,5853300,1")]
    [InlineData("34200.1,1,5,10,5853300,0")]
    [InlineData("34200.1,1,5,0,5853300,1")]
    [InlineData("34200.1,1,-5,10,5853300,1")]
    [InlineData("34200.1,1,5,10,-5853300,1")]
    [InlineData("34200.1234567890123,1,5,10,5853300,1")]
    [InlineData("999999999,1,5,10,5853300,1")]
    [InlineData(".5,1,5,10,5853300,1")]
    public void TryParse_HaltOrMalformed_ReturnsFalse(string line)
    {
        Assert.False(LobsterMessageParser.TryParse(line, "AAPL", Day, NewYork, out _));
    }

    [Fact]
    public void TryParse_EmptyInstrument_ReturnsFalse()
    {
        Assert.False(LobsterMessageParser.TryParse("34200.1,1,5,10,5853300,1", string.Empty, Day, NewYork, out _));
    }

    [Fact]
    public void ReadFile_MalformedLine_ThrowsWithLineNumber()
    {
        var path = Path.Combine(Path.GetTempPath(), "lobster-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, "34200.1,1,5,10,5853300,1\n34200.2,7,0,0,-1,-1\n34200.3,1,x,10,5853300,1\n");
        try
        {
            using var events = LobsterMessageParser.ReadFile(path, "AAPL", Day, NewYork).GetEnumerator();
            Assert.True(events.MoveNext());
            var ex = Assert.Throws<FormatException>(() => events.MoveNext());
            Assert.Contains("Line 3", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => LobsterMessageParser.ReadFile(string.Empty, "AAPL", Day, NewYork));
        Assert.Throws<ArgumentNullException>(() => LobsterMessageParser.ReadFile(null!, "AAPL", Day, NewYork));
        Assert.Throws<ArgumentException>(() => LobsterMessageParser.ReadFile("x.csv", string.Empty, Day, NewYork));
        Assert.ThrowsAny<IOException>(() => LobsterMessageParser.ReadFile("/nonexistent/x.csv", "AAPL", Day, NewYork).First());
    }

    [Fact]
    public void ReadFile_First10sFile_ReadsEveryLine()
    {
        var path = SharedData.Path("data/market/AAPL_2012-06-21_first10s_message_50.csv");

        Assert.Equal(672, LobsterMessageParser.ReadFile(path, "AAPL", Day, NewYork).Count());
    }
}
