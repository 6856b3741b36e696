using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;

namespace TradingRl.Security.Benchmarks.Compliance;

/// <summary>The full pre-trade gate with every control on, at 10 to 100,000 accounts and instruments.</summary>
/// <remarks>
/// Each operation refreshes one instrument's quote, checks one allowed limit order of the matching account (kill switch, states,
/// restricted list, tick and lot, stale price, quantity, notional, both collars, self-trade against a resting order, open orders,
/// position, daily loss, VaR, order rate, message rate) and releases it with a cancel, so the book stays in a steady state.
/// <c>QuoteCheckCancelResolved</c> does the same through references resolved once from the book, with no look-up by id.
/// Every account holds a position and one resting far-away sell, so the P&amp;L, VaR and self-trade paths do real work.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class RiskGateBenchmarks
{
    private ManualClock _clock = null!;
    private PortfolioBook _book = null!;
    private PreTradeRiskGate _gate = null!;
    private OrderRequest[] _orders = null!;
    private string[] _symbols = null!;
    private BookAccount[] _accountRefs = null!;
    private BookInstrument[] _instrumentRefs = null!;
    private MarketQuote _quote;
    private TimeSpan _step;
    private int _next;
    private int _active;

    /// <summary>Gets or sets how many accounts and instruments the book holds.</summary>
    [Params(10, 1_000, 100_000)]
    public int Size { get; set; }

    /// <summary>Gets or sets which accounts send the orders: <c>all</c> in turn (each order finds its account's state cold once
    /// the book outgrows the CPU caches), or the first <c>10</c> (the book grows, the working set does not).</summary>
    [Params("all", "10")]
    public string Active { get; set; } = "all";

    [GlobalSetup]
    public void Setup()
    {
        _clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 14, 30, 0, TimeSpan.Zero));
        var o = new ComplianceOptions();
        o.Limits.MaxOrderNotional = 5_000_000m;
        o.Limits.MinOrderQuantity = 1m;
        var options = Options.Create(o);
        var publisher = new DroppingPublisher();
        _book = new PortfolioBook(options);
        var states = new TradingStateController(_book, new NoCancels(), publisher, new PermissionCatalog(), options, _clock);
        _gate = new PreTradeRiskGate(_book, states, publisher, options, _clock);

        _symbols = new string[Size];
        _orders = new OrderRequest[Size];
        _accountRefs = new BookAccount[Size];
        _instrumentRefs = new BookInstrument[Size];
        for (var i = 0; i < Size; i++)
        {
            var symbol = "SYM" + i;
            var account = "acct-" + i;
            _symbols[i] = symbol;
            _book.DefineInstrument(new Instrument(symbol, "USD", 0.01m, 1m) { DailyVolatility = 0.02m });
            _book.DefineAccount(new TradingAccount(account, 10_000_000m));
            _book.UpdateMarketData(symbol, new MarketQuote(99.99m, 100.01m, null, _clock.Now));
            _gate.OnFill(new Fill(account, symbol, OrderSide.Buy, 100m, 100.00m));
            var resting = new OrderRequest("rest", account, symbol, OrderSide.Sell, OrderType.Limit, 10m, 104.00m);
            Require(_gate.Check(in resting));
            _accountRefs[i] = _book.ResolveAccount(account);
            _instrumentRefs[i] = _book.ResolveInstrument(symbol);

            // Built from the references' own strings, as a host holding references would: matched without reading them.
            _orders[i] = new OrderRequest("b", _accountRefs[i].Id, _instrumentRefs[i].Symbol, OrderSide.Buy, OrderType.Limit, 100m, 100.00m) { Strategy = "ppo" };
        }

        _active = Active == "all" ? Size : Math.Min(Size, int.Parse(Active, System.Globalization.CultureInfo.InvariantCulture));

        // Each active account sees one order per _active operations; keep that under 100 per 60 s.
        _step = TimeSpan.FromTicks(Math.Max(1, TimeSpan.FromSeconds(0.61).Ticks / _active));
        for (var i = 0; i < 3 * Size && i < 300_000; i++)
        {
            Require(Step());
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _gate.Dispose();

    /// <summary>Quote refresh, full check (allowed) and cancel acknowledgement of one order.</summary>
    [Benchmark]
    public RiskReason QuoteCheckCancel() => Step().Reason;

    /// <summary>The same step with the account and instrument resolved once (<see cref="PortfolioBook.ResolveAccount"/>): no look-up by id or symbol.</summary>
    /// <remarks>Written out apart from <see cref="Step"/> rather than sharing it behind a flag: one body per measured path, nothing else inlined into it.</remarks>
    [Benchmark]
    public RiskReason QuoteCheckCancelResolved()
    {
        var i = Advance();
        _book.UpdateMarketData(_instrumentRefs[i], in _quote);
        var d = _gate.Check(in _orders[i], _accountRefs[i], _instrumentRefs[i]);
        _gate.OnOrderCancelled(_accountRefs[i], "b", null);
        return d.Reason;
    }

    private RiskDecision Step()
    {
        var i = Advance();
        _book.UpdateMarketData(_symbols[i], in _quote);
        var d = _gate.Check(in _orders[i]);
        _gate.OnOrderCancelled(_orders[i].Account, "b");
        return d;
    }

    /// <summary>Moves to the next active account, moves the clock on and makes the fresh quote; returns the account's index.</summary>
    private int Advance()
    {
        var i = _next;
        _next = i + 1 == _active ? 0 : i + 1;
        _clock.Now += _step;
        _quote = new MarketQuote(99.99m, 100.01m, null, _clock.Now);
        return i;
    }

    private static void Require(RiskDecision d)
    {
        if (!d.IsAllowed)
        {
            throw new InvalidOperationException("The benchmark order must be allowed: " + d);
        }
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class DroppingPublisher : ISecurityEventPublisher
    {
        public void Publish(SecurityEvent securityEvent)
        {
        }

        public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class NoCancels : IOrderCancellationHandler
    {
        public ValueTask RequestCancelAsync(OpenOrder order, string reason, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
