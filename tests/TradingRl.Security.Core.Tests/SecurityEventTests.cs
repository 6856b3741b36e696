using TradingRl.Security.Events;

namespace TradingRl.Security.Tests;

public sealed class SecurityEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("")]
    [InlineData("auth")]
    [InlineData("Auth.Login")]
    [InlineData("auth..login")]
    [InlineData(".auth.login")]
    [InlineData("auth.login.")]
    [InlineData("auth login.failed")]
    [InlineData("a.b.c.d.e.f.g.h.i")]
    public void Constructor_MalformedType_ThrowsArgumentException(string type)
    {
        Assert.Throws<ArgumentException>(() => new SecurityEvent(type, SecuritySeverity.Info, T0));
    }

    [Fact]
    public void Constructor_NullType_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new SecurityEvent(null!, SecuritySeverity.Info, T0));
    }

    [Fact]
    public void Constructor_TypeOf129Characters_Throws()
    {
        var type = "a." + new string('b', 127);
        Assert.Equal(129, type.Length);
        Assert.Throws<ArgumentException>(() => new SecurityEvent(type, SecuritySeverity.Info, T0));
    }

    [Fact]
    public void Constructor_UnknownSeverityOrEmptyId_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecurityEvent("auth.login.failed", (SecuritySeverity)9, T0));
        Assert.Throws<ArgumentException>(() => new SecurityEvent("auth.login.failed", SecuritySeverity.Low, T0, Guid.Empty));
    }

    [Fact]
    public void Constructor_Valid_KeepsValuesAndMakesTimeOrderedId()
    {
        var e = new SecurityEvent("auth.login.failed", SecuritySeverity.Low, T0)
        {
            Actor = "alice",
            SourceAddress = "10.0.0.1",
            Resource = "account/alice",
            Outcome = SecurityOutcome.Failure,
            CorrelationId = "req-1",
            Properties = new Dictionary<string, string> { ["reason"] = "bad_password" },
        };

        Assert.Equal("auth.login.failed", e.Type);
        Assert.Equal(T0, e.Timestamp);
        Assert.Equal(7, e.Id.Version);
        Assert.Equal("bad_password", e.GetProperty("reason"));
        Assert.Null(e.GetProperty("missing"));
        Assert.Equal(SecurityOutcome.Failure, e.Outcome);
    }

    [Fact]
    public void Properties_TooManyOrTooLong_ThrowWithoutEchoingTheValue()
    {
        var many = Enumerable.Range(0, SecurityEvent.MaxProperties + 1).ToDictionary(i => "k" + i, i => "v");
        Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Properties = many });

        var secret = "SECRET-" + new string('x', SecurityEvent.MaxValueLength);
        var ex = Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0)
        {
            Properties = new Dictionary<string, string> { ["pnl"] = secret },
        });
        Assert.DoesNotContain("SECRET", ex.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0)
        {
            Properties = new Dictionary<string, string> { [new string('k', 65)] = "v" },
        });
        Assert.Throws<ArgumentNullException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Properties = null! });
    }

    [Fact]
    public void Members_EmptyOrHugeStrings_Throw()
    {
        Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Actor = string.Empty });
        Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Resource = new string('r', SecurityEvent.MaxValueLength + 1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Outcome = (SecurityOutcome)42 });
    }

    [Fact]
    public void Properties_AreACopy_SortedByOrdinalName_AndFoundExactly()
    {
        var source = new Dictionary<string, string>(StringComparer.Ordinal) { ["status"] = "200", ["action"] = "GET /v1/orders", ["Path"] = "/P", ["path"] = "/p" };
        var e = new SecurityEvent("api.request", SecuritySeverity.Info, T0) { Properties = source };
        source["status"] = "500";
        source["extra"] = "x";

        Assert.Equal(4, e.Properties.Count);
        Assert.Equal(["Path", "action", "path", "status"], e.Properties.Keys);
        Assert.Equal("200", e.GetProperty("status"));
        Assert.Equal("/p", e.Properties["path"]);
        Assert.Equal("/P", e.Properties["Path"]);
        Assert.Null(e.GetProperty("STATUS"));
        Assert.Null(e.GetProperty("extra"));
        Assert.False(e.Properties.ContainsKey("zzz"));
        Assert.Throws<KeyNotFoundException>(() => e.Properties["missing"]);
        Assert.Equal([new KeyValuePair<string, string>("Path", "/P"), new("action", "GET /v1/orders"), new("path", "/p"), new("status", "200")], e.Properties);
    }

    [Fact]
    public void Properties_SameNameTwiceUnderOrdinal_Throws()
    {
        var source = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["a"] = "1" };
        var twice = new TwoSameNames();

        Assert.Equal("1", new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Properties = source }.GetProperty("a"));
        Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Properties = twice });
    }

    [Fact]
    public void SecurityEventProperties_Create_CopiesSortedPairs_CheckedByTheEvent()
    {
        KeyValuePair<string, string>[] pairs = [new("status", "200"), new("action", "GET")];
        var properties = SecurityEventProperties.Create(pairs);
        pairs[0] = new("status", "500");
        var e = new SecurityEvent("api.request", SecuritySeverity.Info, T0) { Properties = properties };

        Assert.Equal(["action", "status"], e.Properties.Keys);
        Assert.Equal("200", e.GetProperty("status"));
        Assert.Empty(SecurityEventProperties.Create());
        Assert.Throws<ArgumentException>(() => SecurityEventProperties.Create(new KeyValuePair<string, string>("a", "1"), new KeyValuePair<string, string>("a", "2")));
        Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Properties = SecurityEventProperties.Create(new KeyValuePair<string, string>("a", new string('v', SecurityEvent.MaxValueLength + 1))) });
        Assert.Throws<ArgumentException>(() => new SecurityEvent("a.b", SecuritySeverity.Info, T0) { Properties = SecurityEventProperties.Create(new KeyValuePair<string, string>(string.Empty, "v")) });
    }

    [Fact]
    public void SecurityEventProperties_Create_PairsAlreadyInOrder_KeepTheirOrder_AndUnorderedOrRepeatedAreSortedOrRefused()
    {
        // In ordinal order (as the request audit lists its pairs): kept as given, no sort.
        var ordered = SecurityEventProperties.Create(new("action", "GET"), new("latency_us", "12"), new("path", "/v1"), new("status", "200"));
        Assert.Equal(["action", "latency_us", "path", "status"], ordered.Keys);
        Assert.Equal("12", ordered["latency_us"]);

        // Ordinal, not culture order: "Z" (0x5A) sorts before "a".
        var upper = SecurityEventProperties.Create(new("a", "1"), new("Z", "2"));
        Assert.Equal(["Z", "a"], upper.Keys);
        Assert.Equal("2", upper["Z"]);

        // A repeat right after itself is not "in order": it is refused as any repeat.
        Assert.Throws<ArgumentException>(() => SecurityEventProperties.Create(new("a", "1"), new("b", "2"), new("b", "3")));
    }

    /// <summary>A dictionary that, through a custom comparer, lists the ordinal name "k" twice.</summary>
    private sealed class TwoSameNames : IReadOnlyDictionary<string, string>
    {
        private static readonly KeyValuePair<string, string>[] Items = [new("k", "1"), new("k", "2")];

        public int Count => Items.Length;

        public IEnumerable<string> Keys => Items.Select(static i => i.Key);

        public IEnumerable<string> Values => Items.Select(static i => i.Value);

        public string this[string key] => Items.First(i => i.Key == key).Value;

        public bool ContainsKey(string key) => Items.Any(i => i.Key == key);

        public bool TryGetValue(string key, out string value)
        {
            value = ContainsKey(key) ? this[key] : null!;
            return ContainsKey(key);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)Items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
