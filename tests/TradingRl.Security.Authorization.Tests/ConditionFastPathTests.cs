namespace TradingRl.Security.Authorization.Tests;

/// <summary>The wall-clock conversion time windows and trading days use: a fixed-offset zone is one addition, and it must agree with <see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/>.</summary>
public class ZoneClockTests
{
    public static TheoryData<string> Zones => ["Etc/UTC", "Etc/GMT-3", "Etc/GMT+5", "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"];

    [Theory]
    [MemberData(nameof(Zones))]
    public void Local_AgreesWithConvertTime_OverYearsAndAtTheEndsOfTheCalendar(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var clock = new ZoneClock(zone);
        List<DateTimeOffset> instants = [DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.MinValue.AddHours(7), DateTimeOffset.MaxValue.AddHours(-7)];
        for (var t = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero); t.Year < 2040; t = t.AddMinutes(7919))
        {
            instants.Add(t);
        }

        // Around the 2026 DST changes of New York and London, minute by minute.
        foreach (var change in new[] { new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero) })
        {
            for (var m = -90; m <= 90; m++)
            {
                instants.Add(change.AddMinutes(m));
            }
        }

        foreach (var instant in instants)
        {
            Assert.Equal(TimeZoneInfo.ConvertTime(instant, zone).DateTime, clock.Local(instant));
        }
    }
}

/// <summary>Source-network conditions compare IPv4 in registers: they must agree with <see cref="System.Net.IPNetwork.Contains"/> (IPv4-mapped IPv6 read as IPv4).</summary>
public class SourceNetworkConditionTests
{
    [Fact]
    public void Evaluate_AgreesWithIPNetworkContains_ForRandomAndEdgeAddresses()
    {
        string[] cidrs = ["10.0.0.0/8", "192.168.1.0/24", "203.0.113.7/32", "2001:db8::/32", "fe80::/10"];
        var networks = cidrs.Select(c => System.Net.IPNetwork.Parse(c)).ToArray();
        var inside = new SourceNetworkCondition(networks, inside: true);
        var outside = new SourceNetworkCondition(networks, inside: false);
        var all = new SourceNetworkCondition([System.Net.IPNetwork.Parse("0.0.0.0/0")], inside: true);
        var random = new Random(20261204);
        List<System.Net.IPAddress> addresses =
        [
            System.Net.IPAddress.Parse("10.0.0.0"), System.Net.IPAddress.Parse("10.255.255.255"), System.Net.IPAddress.Parse("11.0.0.0"), System.Net.IPAddress.Parse("9.255.255.255"),
            System.Net.IPAddress.Parse("192.168.1.255"), System.Net.IPAddress.Parse("192.168.2.0"), System.Net.IPAddress.Parse("203.0.113.7"), System.Net.IPAddress.Parse("203.0.113.6"),
            System.Net.IPAddress.Parse("::ffff:10.1.2.3"), System.Net.IPAddress.Parse("::ffff:11.1.2.3"), System.Net.IPAddress.Parse("::10.1.2.3"),
            System.Net.IPAddress.Parse("2001:db8::1"), System.Net.IPAddress.Parse("2001:db9::1"), System.Net.IPAddress.Parse("fe80::1"), System.Net.IPAddress.IPv6Loopback,
        ];
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[i % 2 == 0 ? 4 : 16];
            random.NextBytes(bytes);
            addresses.Add(new System.Net.IPAddress(bytes));
        }

        foreach (var address in addresses)
        {
            var v4 = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var expected = networks.Any(n => n.Contains(v4));
            var request = new AuthorizationRequest(Permissions.ViewOrders) { SourceAddress = address };
            var clock = new DecisionClock(DateTimeOffset.UnixEpoch);
            var context = new EvaluationContext(new SecurityPrincipal("p"), in request, ref clock, null!);
            Assert.Equal(expected ? ConditionResult.True : ConditionResult.False, inside.Evaluate(in context));
            Assert.Equal(expected ? ConditionResult.False : ConditionResult.True, outside.Evaluate(in context));
            Assert.Equal(v4.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? ConditionResult.True : ConditionResult.False, all.Evaluate(in context));
        }

        var none = new AuthorizationRequest(Permissions.ViewOrders);
        var noClock = new DecisionClock(DateTimeOffset.UnixEpoch);
        var missing = new EvaluationContext(new SecurityPrincipal("p"), in none, ref noClock, null!);
        Assert.Equal(ConditionResult.Error, inside.Evaluate(in missing));
        Assert.Equal(ConditionResult.Error, outside.Evaluate(in missing));
    }
}

/// <summary>A decision reads the clock at most once, and not at all when no time condition is reached.</summary>
public class DecisionClockTests
{
    [Fact]
    public void Authorize_ReadsTheClockOnlyWhenATimeConditionIsEvaluated_AndOncePerDecision()
    {
        var clock = new CountingClock(AuthorizationHost.Start);
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, clock);
        services.AddTradingSecurity(b => b.AddAuthorization(o =>
        {
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "a-listed", Permissions = ["orders.place"], Instruments = ["AAPL"] });
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "b-hours", Permissions = ["orders.place"], TimeZone = "America/New_York", From = new TimeOnly(9, 30), Until = new TimeOnly(16, 0) });
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "c-weekend", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], Instruments = ["MSFT"], TimeZone = "America/New_York", TradingDay = false });
        }));
        using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var authorizer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ITradingAuthorizer>(provider);
        var resolver = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IPermissionResolver>(provider);
        string[] roles = [TradingRoles.Trader];
        var trader = new SecurityPrincipal("agent-1") { Roles = roles, Permissions = resolver.Resolve(roles), Desk = "equities", Accounts = ["acct-1"] };

        // AAPL: the forbid does not list it and the lowest permit allows, so no time condition is reached.
        var listed = authorizer.Authorize(trader, AuthorizationHost.Order(instrument: "AAPL"));
        Assert.True(listed.IsAllowed);
        Assert.Equal(["a-listed"], listed.RuleIds);
        Assert.Equal(0, clock.Reads);

        // MSFT: the weekend forbid and the hours permit both read the time: one read serves both.
        var hours = authorizer.Authorize(trader, AuthorizationHost.Order(instrument: "MSFT"));
        Assert.True(hours.IsAllowed);
        Assert.Equal(["b-hours"], hours.RuleIds);
        Assert.Equal(1, clock.Reads);

        // After the close the same order is denied: the instant really is read.
        clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(AuthorizationReason.NoPermitMatched, authorizer.Authorize(trader, AuthorizationHost.Order(instrument: "MSFT")).Reason);

        // One read for the decision, one for the timestamp of the authz.access.denied event.
        Assert.Equal(3, clock.Reads);
    }

    private sealed class CountingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public int Reads { get; private set; }

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow()
        {
            Reads++;
            return _now;
        }
    }
}
