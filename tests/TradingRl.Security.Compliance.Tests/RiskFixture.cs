using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Compliance.Tests;

/// <summary>Builds a book, a trading-state controller and a gate wired together, with a fake clock and in-memory event and cancel recorders.</summary>
internal sealed class RiskFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 14, 30, 0, TimeSpan.Zero);

    public RiskFixture(Action<ComplianceOptions>? configure = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? Start);
        Options = new ComplianceOptions();
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Book = new PortfolioBook(options);
        States = new TradingStateController(Book, Cancels, Events, new PermissionCatalog(), options, Time);
        Gate = new PreTradeRiskGate(Book, States, Events, options, Time);
    }

    public FakeTimeProvider Time { get; }

    public ComplianceOptions Options { get; }

    public RecordingPublisher Events { get; } = new();

    public RecordingCancellationHandler Cancels { get; } = new();

    public PortfolioBook Book { get; }

    public TradingStateController States { get; }

    public PreTradeRiskGate Gate { get; }

    /// <summary>Defines AAPL (USD, tick 0.01, lot 1, daily volatility 2 %) and account acct-1 with a NAV of 1,000,000 USD, quoted 99.99 / 100.01 (mid 100.00).</summary>
    public RiskFixture WithDefaults(decimal nav = 1_000_000m, RiskLimits? accountLimits = null, RiskLimits? instrumentLimits = null)
    {
        Book.DefineInstrument(new Instrument("AAPL", "USD", 0.01m, 1m) { DailyVolatility = 0.02m, Limits = instrumentLimits });
        Book.DefineAccount(new TradingAccount("acct-1", nav) { Limits = accountLimits });
        Quote("AAPL", 99.99m, 100.01m);
        return this;
    }

    public void Quote(string instrument, decimal bid, decimal ask) =>
        Book.UpdateMarketData(instrument, new MarketQuote(bid, ask, null, Time.GetUtcNow()));

    public static OrderRequest Buy(string id, decimal quantity, decimal? price = 100.00m, string account = "acct-1", string instrument = "AAPL") =>
        new(id, account, instrument, OrderSide.Buy, price is null ? OrderType.Market : OrderType.Limit, quantity, price);

    public static OrderRequest Sell(string id, decimal quantity, decimal? price = 100.00m, string account = "acct-1", string instrument = "AAPL") =>
        new(id, account, instrument, OrderSide.Sell, price is null ? OrderType.Market : OrderType.Limit, quantity, price);

    public RiskDecision Check(OrderRequest order) => Gate.Check(in order);

    public void Filled(OrderRequest order, decimal? price = null) =>
        Gate.OnFill(new Fill(order.Account, order.Instrument, order.Side, order.Quantity, price ?? order.LimitPrice!.Value, order.OrderId));

    public static SecurityPrincipal Person(string subject, bool canControl = true) =>
        canControl
            ? new SecurityPrincipalBuilder(subject).WithPermissions(Permissions.ModifyRiskLimits).Build()
            : new SecurityPrincipalBuilder(subject).WithPermissions(Permissions.PlaceOrder).Build();

    public void Dispose() => Gate.Dispose();
}

/// <summary>A publisher that keeps events synchronously, so a test sees them as soon as the call returns.</summary>
internal sealed class RecordingPublisher : ISecurityEventPublisher
{
    private readonly List<SecurityEvent> _events = [];

    public IReadOnlyList<SecurityEvent> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<SecurityEvent> OfType(SecurityEventDescriptor type) => [.. All.Where(e => e.Type == type.Type)];

    public void Publish(SecurityEvent securityEvent)
    {
        lock (_events)
        {
            _events.Add(securityEvent);
        }
    }

    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        Publish(securityEvent);
        return ValueTask.CompletedTask;
    }
}

/// <summary>The host's order gateway in tests: records every cancel the kill switch asks for; can be told to fail some.</summary>
internal sealed class RecordingCancellationHandler : IOrderCancellationHandler
{
    private readonly List<OpenOrder> _requested = [];

    public Func<OpenOrder, bool>? FailWhen { get; set; }

    public IReadOnlyList<OpenOrder> Requested
    {
        get
        {
            lock (_requested)
            {
                return [.. _requested];
            }
        }
    }

    public ValueTask RequestCancelAsync(OpenOrder order, string reason, CancellationToken cancellationToken = default)
    {
        if (FailWhen?.Invoke(order) == true)
        {
            throw new IOException("gateway down");
        }

        lock (_requested)
        {
            _requested.Add(order);
        }

        return ValueTask.CompletedTask;
    }
}
