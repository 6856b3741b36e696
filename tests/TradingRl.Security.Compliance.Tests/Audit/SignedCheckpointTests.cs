using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class SignedCheckpointTests
{
    private static readonly byte[] Root = Convert.FromHexString("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    [Fact]
    public void Sign_Note_HasDocumentedLayout()
    {
        using var key = AuditSigningKey.CreateEphemeral("example.com/log");
        var cp = key.Sign("example.com/log", 8, Root, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var lines = cp.ToNote().Split('\n');
        Assert.Equal("example.com/log", lines[0]);
        Assert.Equal("8", lines[1]);
        Assert.Equal("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=", lines[2]);
        Assert.Equal("timestamp 1796288400000", lines[3]);
        Assert.Equal(string.Empty, lines[4]);
        Assert.StartsWith("\u2014 example.com/log ", lines[5], StringComparison.Ordinal);
        Assert.True(SignedCheckpoint.Parse(cp.ToNote()).Verify(key.PublicKey));
    }

    [Fact]
    public void Verify_AnyBodyCharacterChanged_False()
    {
        using var key = AuditSigningKey.CreateEphemeral("log");
        var note = key.Sign("log", 8, Root, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)).ToNote();
        var forged = note.Replace("\n8\n", "\n9\n", StringComparison.Ordinal);
        Assert.False(SignedCheckpoint.Parse(forged).Verify(key.PublicKey));
    }

    [Theory]
    [InlineData("")]
    [InlineData("log\n8\n")]
    [InlineData("log\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntimestamp 1\n\n\u2014 log AAAA\n")]
    [InlineData("log\n8\nnot-base64\ntimestamp 1\n\n\u2014 log AAAA\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntime 1\n\n\u2014 log AAAA\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntimestamp 1\n\n- log AAAA\n")]
    [InlineData("log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntimestamp 1\n\n\u2014 log AAAA\n")]
    public void Parse_Malformed_ThrowsFormatException(string note) =>
        Assert.Throws<FormatException>(() => SignedCheckpoint.Parse(note));

    [Fact]
    public void Parse_HugeOrNull_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => SignedCheckpoint.Parse(null!));
        Assert.Throws<FormatException>(() => SignedCheckpoint.Parse(new string('a', SignedCheckpoint.MaxNoteLength + 1)));
    }

    [Fact]
    public void ComputeKeyId_SameInputs_Stable()
    {
        var key = new byte[32];
        Assert.Equal(SignedCheckpoint.ComputeKeyId("log", key), SignedCheckpoint.ComputeKeyId("log", key));
        Assert.NotEqual(SignedCheckpoint.ComputeKeyId("log", key), SignedCheckpoint.ComputeKeyId("log2", key));
    }
}
