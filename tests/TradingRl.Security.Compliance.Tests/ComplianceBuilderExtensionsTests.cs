using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Compliance.Tests;

public sealed class ComplianceBuilderExtensionsTests
{
    private static IHost Build(Action<ComplianceOptions>? configure = null, bool withGateway = true, string? environment = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        if (withGateway)
        {
            builder.Services.AddSingleton<IOrderCancellationHandler, RecordingCancellationHandler>();
        }

        builder.Services.AddTradingSecurity(s => s
            .AddCompliance(configure)
            .AddCompliance()
            .AddEventSubscriber<CollectingSecurityEventSubscriber>());
        return builder.Build();
    }

    [Fact]
    public async Task AddCompliance_CalledTwice_StartsAndResolvesEveryService()
    {
        using var host = Build(o => o.Limits.MaxOrdersPerWindow = 50);
        await host.StartAsync();

        var sp = host.Services;
        Assert.Same(sp.GetRequiredService<TradingStateController>(), sp.GetRequiredService<IKillSwitch>());
        Assert.NotNull(sp.GetRequiredService<PreTradeRiskGate>());
        Assert.NotNull(sp.GetRequiredService<TradeReporter>());
        Assert.IsType<JsonLinesTradeReportSink>(sp.GetRequiredService<ITradeReportSink>());
        Assert.Equal(50, sp.GetRequiredService<IOptions<ComplianceOptions>>().Value.Limits.MaxOrdersPerWindow);
        Assert.Single(sp.GetServices<IKillSwitch>());
        await host.StopAsync();
    }

    [Fact]
    public async Task AddCompliance_EndToEnd_DenialReachesSubscribers()
    {
        using var host = Build();
        await host.StartAsync();
        var sp = host.Services;
        var book = sp.GetRequiredService<PortfolioBook>();
        var time = sp.GetRequiredService<TimeProvider>();
        book.DefineInstrument(new Instrument("AAPL", "USD", 0.01m, 1m) { DailyVolatility = 0.02m });
        book.DefineAccount(new TradingAccount("acct-1", 1_000_000m));
        book.UpdateMarketData("AAPL", new MarketQuote(99.99m, 100.01m, null, time.GetUtcNow()));

        var gate = sp.GetRequiredService<PreTradeRiskGate>();
        var order = new OrderRequest("o1", "acct-1", "AAPL", OrderSide.Buy, OrderType.Limit, 10m, 120.00m);
        Assert.Equal(RiskReason.PriceCollar, gate.Check(in order).Reason);

        await sp.GetRequiredService<SecurityEventPipeline>().FlushAsync();
        var e = Assert.Single(sp.GetServices<ISecurityEventSubscriber>().OfType<CollectingSecurityEventSubscriber>().Single().OfType(SecurityEventTypes.OrderDenied.Type));
        Assert.Equal("price_collar", e.GetProperty("reason"));
        await host.StopAsync();
    }

    [Fact]
    public async Task AddCompliance_WithoutAnOrderGateway_RefusesToStart()
    {
        using var host = Build(withGateway: false);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(ex.Failures, f => f.Contains(typeof(IOrderCancellationHandler).FullName!, StringComparison.Ordinal) && f.Contains("AddCompliance()", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddCompliance_WithoutAnOrderGateway_InDevelopment_BuildsThenRefusesToStartNamingTheRemedy()
    {
        // Development turns on the container's ValidateOnBuild: the kill switch's missing dependency must not surface there
        // as a bare "unable to resolve" error, but as the start-up requirement naming the service and the remedy.
        using var host = Build(withGateway: false, environment: Environments.Development);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(ex.Failures, f => f.Contains(typeof(IOrderCancellationHandler).FullName!, StringComparison.Ordinal) && f.Contains("AddSingleton<IOrderCancellationHandler", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("MaxPositionFraction")]
    [InlineData("MaxOrdersPerWindow")]
    [InlineData("ControlPermission")]
    [InlineData("MaxQuoteAge")]
    [InlineData("Regimes")]
    public async Task AddCompliance_InsecureOrMalformedSetting_RefusesToStartNamingIt(string setting)
    {
        using var host = Build(o =>
        {
            switch (setting)
            {
                case "MaxPositionFraction": o.Limits.MaxPositionFraction = 0m; break;
                case "MaxOrdersPerWindow": o.Limits.MaxOrdersPerWindow = 0; break;
                case "ControlPermission": o.ControlPermission = "no.such.permission"; break;
                case "MaxQuoteAge": o.MaxQuoteAge = TimeSpan.FromDays(1); break;
                default: o.Reporting.Regimes.Remove(TradeReportingOptions.DefaultRegimeName); break;
            }
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(ex.Failures, f => f.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public void AddCompliance_ConfigurationSection_BindsLimitsAndRegimes()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Compliance:Limits:MaxOrdersPerWindow"] = "25",
            ["Compliance:Limits:MaxOrderNotional"] = "250000.50",
            ["Compliance:MaxQuoteAge"] = "00:00:02",
            ["Compliance:RestrictedInstruments:0"] = "GME",
            ["Compliance:Reporting:Regimes:finra:Deadline"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IOrderCancellationHandler, RecordingCancellationHandler>();
        services.AddTradingSecurity(s => s.AddCompliance(config.GetSection("Compliance")));
        using var sp = services.BuildServiceProvider();

        var o = sp.GetRequiredService<IOptions<ComplianceOptions>>().Value;
        Assert.Equal(25, o.Limits.MaxOrdersPerWindow);
        Assert.Equal(250000.50m, o.Limits.MaxOrderNotional);
        Assert.Equal(1_000_000m, o.Limits.MaxOrderQuantity);
        Assert.Equal(TimeSpan.FromSeconds(2), o.MaxQuoteAge);
        Assert.Equal(["GME"], o.RestrictedInstruments);
        Assert.Equal(TimeSpan.FromSeconds(10), o.Reporting.Regimes["finra"].Deadline);
        Assert.Equal(TimeSpan.FromSeconds(60), o.Reporting.Regimes["default"].Deadline);
        sp.ValidateTradingSecurity();
    }

    [Fact]
    public async Task AddCompliance_StateDirectory_UsesTheFileStore()
    {
        var dir = Path.Combine(Path.GetTempPath(), "tradingrl-state-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var host = Build(o => o.StateDirectory = dir);
            await host.StartAsync();
            Assert.IsType<FileTradingStateStore>(host.Services.GetRequiredService<ITradingStateStore>());
            await host.Services.GetRequiredService<IKillSwitch>().EngageAsync(KillSwitchScope.Global, "ops", "drill");
            Assert.True(File.Exists(Path.Combine(dir, "trading-states.json")));
            await host.StopAsync();
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void AddCompliance_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ComplianceBuilderExtensions.AddCompliance(null!));
        new ServiceCollection().AddTradingSecurity(b => Assert.Throws<ArgumentNullException>(() => b.AddCompliance((IConfigurationSection)null!)));
    }
}
