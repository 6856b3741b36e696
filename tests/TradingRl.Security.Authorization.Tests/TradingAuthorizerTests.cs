using System.Net;
using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization.Tests;

public sealed class TradingAuthorizerTests
{
    private static readonly TimeOnly Open = new(9, 30);
    private static readonly TimeOnly Close = new(16, 0);

    private static AuthorizationRuleDefinition MarketHours() => new()
    {
        Id = "market-hours",
        Permissions = ["orders.place"],
        TimeZone = "America/New_York",
        From = Open,
        Until = Close,
    };

    [Fact]
    public async Task Authorize_NoRoles_DeniedByDefault()
    {
        await using var host = new AuthorizationHost();
        var nobody = host.Principal("nobody", []);
        foreach (var p in Permissions.All)
        {
            var d = host.Authorizer.Authorize(nobody, new AuthorizationRequest(p));
            Assert.False(d.IsAllowed);
            Assert.Equal(AuthorizationReason.PermissionNotGranted, d.Reason);
        }
    }

    [Fact]
    public async Task Authorize_UnknownRole_Denied()
    {
        await using var host = new AuthorizationHost();
        var ghost = host.Principal("g", ["root", "superuser"]);
        var order = AuthorizationHost.Order();
        Assert.Equal(AuthorizationReason.PermissionNotGranted, host.Authorizer.Authorize(ghost, in order).Reason);
    }

    [Fact]
    public async Task Authorize_DefaultPermission_DeniedAsUnknown()
    {
        await using var host = new AuthorizationHost();
        var d = host.Authorizer.Authorize(host.Principal("a", ["admin"]), new AuthorizationRequest(default));
        Assert.False(d.IsAllowed);
        Assert.Equal(AuthorizationReason.UnknownPermission, d.Reason);
        Assert.Equal("unknown_permission", d.ReasonCode);
        Assert.False(default(AuthorizationDecision).IsAllowed);
        Assert.Equal(AuthorizationReason.NotEvaluated, default(AuthorizationDecision).Reason);
    }

    [Fact]
    public async Task Authorize_NullPrincipal_Throws()
    {
        await using var host = new AuthorizationHost();
        var order = AuthorizationHost.Order();
        Assert.Throws<ArgumentNullException>(() => host.Authorizer.Authorize(null!, in order));
        Assert.Throws<ArgumentNullException>(() => host.Authorizer.WhatIf(null!, in order, AuthorizationHost.Start));
    }

    [Fact]
    public async Task Authorize_ViewerPlacesOrder_DeniedAndEventPublished()
    {
        await using var host = new AuthorizationHost();
        var viewer = host.Principal("viewer-agent", ["viewer"]);
        var order = AuthorizationHost.Order();
        var d = host.Authorizer.Authorize(viewer, in order);
        Assert.False(d.IsAllowed);
        Assert.Equal("permission_not_granted", d.ReasonCode);

        var events = await host.EventsOfTypeAsync(SecurityEventTypes.AccessDenied.Type);
        var e = Assert.Single(events);
        Assert.Equal("authz.access.denied", e.Type);
        Assert.Equal("viewer-agent", e.Actor);
        Assert.Equal(SecurityOutcome.Denied, e.Outcome);
        Assert.Equal("orders.place", e.GetProperty("permission"));
        Assert.Equal("permission_not_granted", e.GetProperty("reason"));
        Assert.Equal("account/acct-1", e.Resource);
        Assert.Null(e.GetProperty("notional"));
    }

    [Fact]
    public async Task Authorize_Allowed_PublishesNothing()
    {
        await using var host = new AuthorizationHost();
        var order = AuthorizationHost.Order();
        var d = host.Authorizer.Authorize(host.Principal("t", ["trader"]), in order);
        Assert.True(d.IsAllowed);
        Assert.Equal(AuthorizationReason.GrantedByRole, d.Reason);
        Assert.Empty(d.RuleIds);
        Assert.Empty(await host.EventsOfTypeAsync(SecurityEventTypes.AccessDenied.Type));
    }

    [Fact]
    public async Task Authorize_ForbidAndPermitBothSatisfied_ForbidWins()
    {
        await using var host = new AuthorizationHost(o =>
        {
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "a-permit-aapl", Permissions = ["orders.place"], Instruments = ["AAPL"] });
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "z-forbid-aapl", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], Instruments = ["AAPL"] });
        });
        var order = AuthorizationHost.Order();
        var d = host.Authorizer.Authorize(host.Principal("t", ["trader"]), in order);
        Assert.False(d.IsAllowed);
        Assert.Equal(AuthorizationReason.ForbiddenByRule, d.Reason);
        Assert.Equal(["z-forbid-aapl"], d.RuleIds);

        var msft = AuthorizationHost.Order(instrument: "MSFT");
        Assert.Equal(AuthorizationReason.NoPermitMatched, host.Authorizer.Authorize(host.Principal("t", ["trader"]), in msft).Reason);
    }

    [Fact]
    public async Task Authorize_ForbidCannotBeEvaluated_Denies()
    {
        // A forbid on large notionals; an order without a notional cannot be evaluated against it (cedar #2428 skipped such forbids).
        await using var host = new AuthorizationHost(o =>
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "no-large", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], NotionalFrom = 1_000_000m }));
        var trader = host.Principal("t", ["trader"]);
        var noNotional = AuthorizationHost.Order(notional: null);
        var d = host.Authorizer.Authorize(trader, in noNotional);
        Assert.False(d.IsAllowed);
        Assert.Equal(AuthorizationReason.ForbidRuleNotEvaluable, d.Reason);
        Assert.Equal(["no-large"], d.RuleIds);

        var small = AuthorizationHost.Order(notional: 999_999.99m);
        Assert.True(host.Authorizer.Authorize(trader, in small).IsAllowed);
        var exact = AuthorizationHost.Order(notional: 1_000_000m);
        Assert.Equal(AuthorizationReason.ForbiddenByRule, host.Authorizer.Authorize(trader, in exact).Reason);
    }

    [Fact]
    public async Task Authorize_ForbidWithUnevaluableCondition_DeniesUnlessAnotherConditionIsFalse()
    {
        // Kleene AND: a forbid whose instrument condition is definitely false cannot apply whatever the missing attribute;
        // for the listed instrument the missing attribute leaves it undecided, which denies.
        await using var host = new AuthorizationHost(o => o.Rules.Add(new AuthorizationRuleDefinition
        {
            Id = "f", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], Instruments = ["GME"], SubjectAttributes = { ["strategy"] = "meme" },
        }));
        var trader = host.Principal("t", ["trader"]);
        var aapl = AuthorizationHost.Order(instrument: "AAPL");
        Assert.True(host.Authorizer.Authorize(trader, in aapl).IsAllowed);
        var gme = AuthorizationHost.Order(instrument: "GME");
        var d = host.Authorizer.Authorize(trader, in gme);
        Assert.Equal(AuthorizationReason.ForbidRuleNotEvaluable, d.Reason);
        Assert.Equal(["f"], d.RuleIds);
        var noInstrument = new AuthorizationRequest(Permissions.PlaceOrder) { Account = "acct-1", Desk = "equities" };
        Assert.Equal(AuthorizationReason.ForbidRuleNotEvaluable, host.Authorizer.Authorize(trader, in noInstrument).Reason);
        var meme = host.Principal("t", ["trader"], more: b => b.WithAttribute("strategy", "meme"));
        Assert.Equal(AuthorizationReason.ForbiddenByRule, host.Authorizer.Authorize(meme, in gme).Reason);
    }

    [Fact]
    public async Task Authorize_MissingAttributeInPermit_DoesNotAllow()
    {
        // opa #1877: a missing attribute read as false inside a negation allowed the request. Here it never allows.
        await using var host = new AuthorizationHost(o => o.Rules.Add(new AuthorizationRuleDefinition
        {
            Id = "momentum-only", Permissions = ["orders.place"], SubjectAttributes = { ["strategy"] = "momentum" },
        }));
        var order = AuthorizationHost.Order();
        var without = host.Principal("t", ["trader"]);
        var d = host.Authorizer.Authorize(without, in order);
        Assert.False(d.IsAllowed);
        Assert.Equal(AuthorizationReason.NoPermitMatched, d.Reason);

        var with = host.Principal("t", ["trader"], more: b => b.WithAttribute("strategy", "momentum"));
        Assert.Equal(["momentum-only"], host.Authorizer.Authorize(with, in order).RuleIds);
        var why = host.Authorizer.WhatIf(without, in order, AuthorizationHost.Start);
        var rule = Assert.Single(why.Rules);
        Assert.Equal(RuleOutcome.NotEvaluable, rule.Outcome);
        Assert.Equal("SubjectAttributes", rule.Condition);
    }

    [Fact]
    public async Task Authorize_UnknownClassificationOrMissingSource_PermitDoesNotMatch()
    {
        await using var host = new AuthorizationHost(o => o.Rules.Add(new AuthorizationRuleDefinition
        {
            Id = "office", Permissions = ["orders.view"], SourceNetworks = ["10.0.0.0/8", "2001:db8::/32"], MaxClassification = ClassificationLevel.Confidential,
        }));
        var viewer = host.Principal("v", ["viewer"]);
        var ok = new AuthorizationRequest(Permissions.ViewOrders) { SourceAddress = IPAddress.Parse("::ffff:10.0.0.1"), Classification = TradingDataClassifications.Confidential };
        Assert.True(host.Authorizer.Authorize(viewer, in ok).IsAllowed);
        var v6 = ok with { SourceAddress = IPAddress.Parse("2001:db8::1") };
        Assert.True(host.Authorizer.Authorize(viewer, in v6).IsAllowed);
        var outside = ok with { SourceAddress = IPAddress.Parse("192.168.1.1") };
        Assert.False(host.Authorizer.Authorize(viewer, in outside).IsAllowed);
        var noSource = ok with { SourceAddress = null };
        Assert.False(host.Authorizer.Authorize(viewer, in noSource).IsAllowed);
        var restricted = ok with { Classification = TradingDataClassifications.Restricted };
        Assert.False(host.Authorizer.Authorize(viewer, in restricted).IsAllowed);
        var foreign = ok with { Classification = new Microsoft.Extensions.Compliance.Classification.DataClassification("Other", "Public") };
        Assert.False(host.Authorizer.Authorize(viewer, in foreign).IsAllowed);
    }

    [Theory]
    [InlineData("2026-03-06T14:29:59Z", false)] // Friday 09:29:59 EST: before the open
    [InlineData("2026-03-06T14:30:00Z", true)]  // 09:30:00 EST: start inclusive
    [InlineData("2026-03-06T20:59:59Z", true)]  // 15:59:59 EST
    [InlineData("2026-03-06T21:00:00Z", false)] // 16:00:00 EST: end exclusive
    [InlineData("2026-03-09T13:30:00Z", true)]  // Monday after spring-forward: 09:30 EDT (UTC-4)
    [InlineData("2026-03-09T13:29:59Z", false)] // 09:29:59 EDT
    [InlineData("2026-03-09T20:00:00Z", false)] // 16:00 EDT
    [InlineData("2026-03-09T19:59:59Z", true)]  // 15:59:59 EDT
    [InlineData("2026-11-02T14:30:00Z", true)]  // Monday after fall-back: 09:30 EST again
    [InlineData("2026-11-02T13:30:00Z", false)] // 08:30 EST
    public async Task Authorize_MarketHoursWindowAcrossDst_BoundariesHold(string instant, bool allowed)
    {
        await using var host = new AuthorizationHost(o => o.Rules.Add(MarketHours()));
        host.Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        var order = AuthorizationHost.Order();
        Assert.Equal(allowed, host.Authorizer.Authorize(host.Principal("t", ["trader"]), in order).IsAllowed);
    }

    [Theory]
    [InlineData("2026-03-08T06:59:59Z", false)] // 01:59:59 EST, just before the gap
    [InlineData("2026-03-08T07:00:00Z", false)] // 03:00:00 EDT: 02:00-02:59 never happens that night
    [InlineData("2026-11-01T05:30:00Z", true)]  // 01:30 EDT, the first 01:30 of fall-back night
    [InlineData("2026-11-01T06:30:00Z", true)]  // 01:30 EST, the repeated hour also matches
    [InlineData("2026-11-01T07:00:00Z", false)] // 02:00 EST
    public async Task Authorize_WindowInDstGapOrRepeatedHour_FollowsWallClock(string instant, bool allowed)
    {
        await using var host = new AuthorizationHost(o => o.Rules.Add(new AuthorizationRuleDefinition
        {
            Id = "night", Permissions = ["orders.place"], TimeZone = "America/New_York",
            From = instant.StartsWith("2026-03", StringComparison.Ordinal) ? new TimeOnly(2, 0) : new TimeOnly(1, 0),
            Until = instant.StartsWith("2026-03", StringComparison.Ordinal) ? new TimeOnly(2, 59, 59) : new TimeOnly(2, 0),
        }));
        host.Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        var order = AuthorizationHost.Order();
        Assert.Equal(allowed, host.Authorizer.Authorize(host.Principal("t", ["trader"]), in order).IsAllowed);
    }

    [Theory]
    [InlineData("2026-03-04T21:59:59Z", false)]
    [InlineData("2026-03-04T22:00:00Z", true)]
    [InlineData("2026-03-04T23:59:59Z", true)]
    [InlineData("2026-03-05T00:00:00Z", true)]
    [InlineData("2026-03-05T05:59:59Z", true)]
    [InlineData("2026-03-05T06:00:00Z", false)]
    [InlineData("2026-03-05T12:00:00Z", false)]
    public async Task Authorize_WindowAcrossMidnight_StartInclusiveEndExclusive(string instant, bool forbidden)
    {
        await using var host = new AuthorizationHost(o => o.Rules.Add(new AuthorizationRuleDefinition
        {
            Id = "overnight-freeze", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], TimeZone = "Etc/UTC", From = new TimeOnly(22, 0), Until = new TimeOnly(6, 0),
        }));
        host.Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        var order = AuthorizationHost.Order();
        Assert.Equal(forbidden, !host.Authorizer.Authorize(host.Principal("t", ["trader"]), in order).IsAllowed);
    }

    [Theory]
    [InlineData("2026-03-04T15:00:00Z", true)]  // Wednesday
    [InlineData("2026-03-07T15:00:00Z", false)] // Saturday
    [InlineData("2026-12-25T15:00:00Z", false)] // Friday, a configured holiday
    [InlineData("2026-03-07T04:30:00Z", true)]  // Saturday in UTC, still Friday 23:30 in New York
    public async Task Authorize_TradingDayInZone_UsesLocalDateAndHolidays(string instant, bool allowed)
    {
        await using var host = new AuthorizationHost(o =>
        {
            o.TradingHolidays = [new DateOnly(2026, 12, 25)];
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "trading-days", Permissions = ["orders.place"], TimeZone = "America/New_York", TradingDay = true });
        });
        host.Time.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));
        var order = AuthorizationHost.Order();
        Assert.Equal(allowed, host.Authorizer.Authorize(host.Principal("t", ["trader"]), in order).IsAllowed);
    }

    [Fact]
    public async Task Authorize_OtherDesk_DeniedWithoutLeakage()
    {
        await using var host = new AuthorizationHost();
        var equities = host.Principal("t-eq", ["trader"], desk: "equities", accounts: ["shared-1"]);
        var fx = host.Principal("admin-fx", ["admin"], desk: "fx", mfa: true, accounts: ["shared-1"]);
        var deskless = host.Principal("t-none", ["trader"], desk: null, accounts: ["shared-1"]);
        var eqOrder = AuthorizationHost.Order(account: "shared-1", desk: "equities");
        Assert.True(host.Authorizer.Authorize(equities, in eqOrder).IsAllowed);
        Assert.Equal(AuthorizationReason.CrossDesk, host.Authorizer.Authorize(fx, in eqOrder).Reason);
        Assert.Equal(AuthorizationReason.CrossDesk, host.Authorizer.Authorize(deskless, in eqOrder).Reason);
        var view = new AuthorizationRequest(Permissions.ViewOrders) { Desk = "fx" };
        Assert.Equal(AuthorizationReason.CrossDesk, host.Authorizer.Authorize(equities, in view).Reason);
    }

    [Fact]
    public async Task Authorize_AccountNotOwned_Denied()
    {
        await using var host = new AuthorizationHost();
        var order = AuthorizationHost.Order(account: "someone-else");
        Assert.Equal(AuthorizationReason.AccountNotPermitted, host.Authorizer.Authorize(host.Principal("t", ["trader"]), in order).Reason);
    }

    [Fact]
    public async Task Authorize_StepUpPermission_NeedsRecentSecondFactor()
    {
        await using var host = new AuthorizationHost();
        var limit = new AuthorizationRequest(Permissions.ModifyRiskLimits) { Desk = "equities" };
        Assert.Equal(AuthorizationReason.StepUpRequired, host.Authorizer.Authorize(host.Principal("t", ["trader"]), in limit).Reason);

        var fresh = host.Principal("t", ["trader"], mfa: true);
        Assert.True(host.Authorizer.Authorize(fresh, in limit).IsAllowed);
        host.Time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(1));
        Assert.True(host.Authorizer.Authorize(fresh, in limit).IsAllowed);
        host.Time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(AuthorizationReason.StepUpRequired, host.Authorizer.Authorize(fresh, in limit).Reason);

        // Placing orders is not step-up: the same stale principal still trades.
        var order = AuthorizationHost.Order();
        Assert.True(host.Authorizer.Authorize(fresh, in order).IsAllowed);

        // An authentication time in the future is not trusted.
        var future = host.Principal("t", ["trader"], more: b => b.WithMultiFactor(host.Time.GetUtcNow().AddHours(1)));
        Assert.Equal(AuthorizationReason.StepUpRequired, host.Authorizer.Authorize(future, in limit).Reason);
    }

    [Fact]
    public async Task Authorize_SubjectConditions_DeskMfaAuthAgeOwnAccount()
    {
        await using var host = new AuthorizationHost(o => o.Rules.Add(new AuthorizationRuleDefinition
        {
            Id = "strict", Permissions = ["orders.cancel"], SubjectDesks = ["equities"], RequireMfa = true,
            MaxAuthenticationAge = TimeSpan.FromHours(8), OwnAccount = true, SameDesk = true, ResourceDesks = ["equities"], Accounts = ["acct-1"],
        }));
        var cancel = new AuthorizationRequest(Permissions.CancelOrder) { Desk = "equities", Account = "acct-1" };
        var mfa = host.Principal("t", ["trader"], mfa: true);
        Assert.Equal(["strict"], host.Authorizer.Authorize(mfa, in cancel).RuleIds);
        Assert.Equal(AuthorizationReason.NoPermitMatched, host.Authorizer.Authorize(host.Principal("t", ["trader"]), in cancel).Reason);
        host.Time.Advance(TimeSpan.FromHours(8));
        Assert.Equal(AuthorizationReason.NoPermitMatched, host.Authorizer.Authorize(mfa, in cancel).Reason);
    }

    [Fact]
    public async Task WhatIf_ExplainsEveryRuleAndPublishesNothing()
    {
        await using var host = new AuthorizationHost(o =>
        {
            o.Rules.Add(MarketHours());
            o.Rules.Add(new AuthorizationRuleDefinition { Id = "big", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], NotionalFrom = 5_000_000m });
        });
        var trader = host.Principal("t", ["trader"]);
        var order = AuthorizationHost.Order(notional: 6_000_000m);
        var at = new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero); // 19:00 EDT
        var why = host.Authorizer.WhatIf(trader, in order, at);
        Assert.False(why.Decision.IsAllowed);
        Assert.Equal(AuthorizationReason.ForbiddenByRule, why.Decision.Reason);
        Assert.Equal(at, why.At);
        Assert.Equal(
            [new RuleEvaluation("big", RuleEffect.Forbid, RuleOutcome.Satisfied, null), new RuleEvaluation("market-hours", RuleEffect.Permit, RuleOutcome.NotSatisfied, "TimeWindow")],
            why.Rules);

        var small = AuthorizationHost.Order(notional: 1m);
        var open = host.Authorizer.WhatIf(trader, in small, new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero));
        Assert.True(open.Decision.IsAllowed);
        Assert.Equal(["market-hours"], open.Decision.RuleIds);
        Assert.Equal("allow orders.place permitted_by_rule [market-hours]", open.Decision.ToString());
        Assert.Empty(await host.EventsOfTypeAsync(SecurityEventTypes.AccessDenied.Type));
    }

    [Fact]
    public async Task Authorize_AllowPath_AllocatesNothing()
    {
        await using var host = new AuthorizationHost(o =>
        {
            o.Rules.Add(MarketHours());
            for (var i = 0; i < 9; i++)
            {
                o.Rules.Add(new AuthorizationRuleDefinition { Id = $"f{i}", Effect = RuleEffect.Forbid, Permissions = ["orders.place"], Instruments = [$"BAD{i}"] });
            }
        });
        var trader = host.Principal("t", ["trader"]);
        var order = AuthorizationHost.Order();
        var authorizer = host.Authorizer;
        _ = authorizer.Authorize(trader, in order);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allowed = 0;
        for (var i = 0; i < 1000; i++)
        {
            allowed += authorizer.Authorize(trader, in order).IsAllowed ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, allowed);
    }

    [Fact]
    public async Task HasPermission_OnPrincipal_AllocatesNothing()
    {
        await using var host = new AuthorizationHost();
        var trader = host.Principal("t", ["trader"]);
        var roles = new[] { "trader", "viewer" };
        _ = host.Roles.Resolve(roles);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var n = 0;
        for (var i = 0; i < 1000; i++)
        {
            n += trader.HasPermission(Permissions.PlaceOrder) ? 1 : 0;
            n += host.Roles.Resolve(roles).Contains(Permissions.CancelOrder) ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(2000, n);
    }
}
