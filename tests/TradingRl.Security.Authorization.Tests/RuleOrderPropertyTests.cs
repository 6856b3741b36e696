using System.Net;
using FsCheck.Xunit;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization.Tests;

/// <summary>Property: the decisions (and the rule ids that explain them) never depend on the order rules were loaded in.</summary>
public sealed class RuleOrderPropertyTests : IDisposable
{
    private static readonly string[] Instruments = ["AAPL", "MSFT", "GME", "TSLA"];
    private static readonly string[] Desks = ["equities", "fx"];
    private readonly SecurityEventPipeline _pipeline = new([], Options.Create(new SecurityEventPipelineOptions()));

    public void Dispose() => _pipeline.Dispose();

    [Property(MaxTest = 150)]
    public bool WhatIf_RulesShuffled_SameDecisions(int seed)
    {
        var random = new Random(seed);
        var rules = Enumerable.Range(0, random.Next(1, 16)).Select(i => RandomRule(random, i)).ToList();
        var shuffled = rules.OrderBy(_ => random.Next()).ToList();
        var a = Authorizer(rules);
        var b = Authorizer(shuffled);
        var trader = new SecurityPrincipal("t")
        {
            Roles = ["trader"], Permissions = PermissionSet.Of(Permissions.PlaceOrder, Permissions.CancelOrder),
            Desk = "equities", Accounts = ["acct-1"],
            AuthenticationMethods = random.Next(2) == 0 ? ["pwd"] : ["pwd", "otp"],
            Attributes = random.Next(2) == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["strategy"] = random.Next(2) == 0 ? "momentum" : "carry" },
        };

        // Instants ascend: the fake clock of the hot path cannot go back.
        var instants = Enumerable.Range(0, 25).Select(_ => new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 7 * 24 * 60))).Order().ToArray();
        for (var i = 0; i < instants.Length; i++)
        {
            var request = new AuthorizationRequest(random.Next(2) == 0 ? Permissions.PlaceOrder : Permissions.CancelOrder)
            {
                Instrument = random.Next(5) == 0 ? null : Instruments[random.Next(Instruments.Length)],
                Notional = random.Next(5) == 0 ? null : random.Next(0, 2_000_000),
                Account = "acct-1",
                Desk = random.Next(5) == 0 ? null : "equities",
                SourceAddress = random.Next(4) == 0 ? null : IPAddress.Parse(random.Next(2) == 0 ? "10.0.0.1" : "172.16.0.1"),
            };
            var at = instants[i];
            var x = a.Authorizer.WhatIf(trader, in request, at);
            var y = b.Authorizer.WhatIf(trader, in request, at);

            // The hot path (instrument-indexed, short-circuiting permits) must agree with the full evaluation.
            a.Time.SetUtcNow(at);
            b.Time.SetUtcNow(at);
            var hotA = a.Authorizer.Authorize(trader, in request);
            var hotB = b.Authorizer.Authorize(trader, in request);
            if (x.Decision != y.Decision || !x.Rules.SequenceEqual(y.Rules) || hotA != x.Decision || hotB != x.Decision)
            {
                throw new Xunit.Sdk.XunitException($"seed {seed} request {i}: what-if {x.Decision} / {y.Decision}, hot {hotA} / {hotB}; rules {string.Join("; ", x.Rules)}");
            }
        }

        return true;
    }

    private static AuthorizationRuleDefinition RandomRule(Random random, int index)
    {
        var rule = new AuthorizationRuleDefinition
        {
            Id = $"rule-{random.Next(1000)}-{index}",
            Effect = random.Next(3) == 0 ? RuleEffect.Forbid : RuleEffect.Permit,
            Permissions = random.Next(2) == 0 ? ["orders.place"] : ["orders.place", "orders.cancel"],
        };
        if (random.Next(2) == 0)
        {
            rule.Instruments = [Instruments[random.Next(Instruments.Length)], Instruments[random.Next(Instruments.Length)]];
            rule.Instruments = [.. rule.Instruments.Distinct()];
        }

        if (random.Next(3) == 0)
        {
            rule.NotionalFrom = random.Next(0, 1_000_000);
        }

        if (random.Next(3) == 0)
        {
            rule.SubjectAttributes["strategy"] = random.Next(2) == 0 ? "momentum" : "carry";
        }

        if (random.Next(3) == 0)
        {
            rule.RequireMfa = true;
        }

        if (random.Next(3) == 0)
        {
            rule.ResourceDesks = [Desks[random.Next(Desks.Length)]];
        }

        if (random.Next(3) == 0)
        {
            rule.TimeZone = "Europe/London";
            rule.From = new TimeOnly(random.Next(0, 12), 0);
            rule.Until = new TimeOnly(random.Next(12, 24), 0);
        }

        if (random.Next(4) == 0)
        {
            rule.SourceNetworks = ["10.0.0.0/8"];
        }

        return rule;
    }

    private (TradingAuthorizer Authorizer, FakeTimeProvider Time) Authorizer(List<AuthorizationRuleDefinition> rules)
    {
        var options = new AuthorizationOptions { Rules = rules };
        var policy = PolicyCompiler.Compile(options, new PermissionCatalog(), out var errors);
        Assert.Empty(errors);
        var time = new FakeTimeProvider();
        return (new TradingAuthorizer(policy!, time, new WeekdayTradingCalendar(Options.Create(options)), _pipeline), time);
    }
}
