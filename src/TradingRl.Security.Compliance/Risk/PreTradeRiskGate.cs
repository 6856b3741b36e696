using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>The pre-trade risk gate: one synchronous check per order, cancel or amendment, and the order life cycle that keeps the book's reservations right.</summary>
/// <remarks>
/// <para>Thread-safe: a check holds the account's lock from its first book read to the reservation, so two orders of one account cannot both
/// pass a limit that only one fits under. An allowed order is reserved at once (it counts as resting exposure) until
/// <see cref="OnFill"/>, <see cref="OnOrderCancelled(string, string, decimal?)"/> or <see cref="OnOrderRejected"/> releases it.</para>
/// <para>Never throws on a deny; the allow path allocates nothing. Denials publish <c>trading.order.denied</c>; a daily-loss breach
/// publishes <c>compliance.violation</c> and <c>trading.state.changed</c>; an allowed check only updates counters. Events carry reason
/// codes and ids, never prices, quantities or P&amp;L (order data is confidential, P&amp;L restricted).</para>
/// <para>Fail closed: an unknown account or instrument, a missing or stale reference price, a held instrument without a mark or a missing
/// volatility while a VaR limit is set all deny.</para>
/// </remarks>
public sealed partial class PreTradeRiskGate : IDisposable
{
    private static readonly string[] ReasonNames = Enum.GetNames<RiskReason>().Select(ToSnakeCase).ToArray();

    private readonly PortfolioBook _book;
    private readonly TradingStateController _states;
    private readonly ISecurityEventPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RiskLimits _global;
    private readonly long _orderWindowTicks;
    private readonly long _messageWindowTicks;
    private readonly TimeSpan _maxQuoteAge;
    private readonly decimal _varZ;
    private readonly bool _selfTradePrevention;
    private readonly long[] _denials = new long[ReasonNames.Length];
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _checks;
    private long _ordersChecked;
    private long _ordersAllowed;
    private long _cancelsChecked;
    private long _cancelsDenied;
    private long _amendsChecked;
    private long _amendsDenied;
    private long _fills;
    private long _breaches;

    /// <summary>Initializes the gate.</summary>
    /// <param name="book">The book of instruments, accounts, positions and open orders.</param>
    /// <param name="states">The trading states and kill switch.</param>
    /// <param name="publisher">Receives denial, violation and state-change events.</param>
    /// <param name="options">The compliance options (global limits, windows, quote age, VaR confidence).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private meter when omitted.</param>
    public PreTradeRiskGate(
        PortfolioBook book,
        TradingStateController states,
        ISecurityEventPublisher publisher,
        IOptions<ComplianceOptions> options,
        TimeProvider timeProvider,
        ILogger<PreTradeRiskGate>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var o = options.Value;
        _book = book;
        _states = states;
        _publisher = publisher;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _global = o.Limits.Clone();
        _orderWindowTicks = o.OrderRateWindow.Ticks;
        _messageWindowTicks = o.MessageRateWindow.Ticks;
        _maxQuoteAge = o.MaxQuoteAge;
        _varZ = o.VarZScore;
        _selfTradePrevention = o.SelfTradePrevention;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _checks = _meter.CreateCounter<long>(ComplianceTelemetry.RiskChecks, "{check}", "Pre-trade risk checks of new orders. Tag reason (none when allowed).");
    }

    /// <summary>Checks a new order against every control and, when allowed, reserves it as resting exposure.</summary>
    /// <param name="order">The order.</param>
    /// <returns>The decision; allocation-free when allowed.</returns>
    public RiskDecision Check(in OrderRequest order) => CheckCore(in order, null, null, resolved: false);

    /// <summary>Checks a new order whose account and instrument were resolved once from the book, skipping their look-ups; otherwise as <see cref="Check(in OrderRequest)"/>.</summary>
    /// <param name="order">The order; its <see cref="OrderRequest.Account"/> and <see cref="OrderRequest.Instrument"/> must name the references.</param>
    /// <param name="account">The order's account, from <see cref="PortfolioBook.ResolveAccount"/> of this gate's book.</param>
    /// <param name="instrument">The order's instrument, from <see cref="PortfolioBook.ResolveInstrument"/> of this gate's book.</param>
    /// <returns>The decision; allocation-free when allowed. A default reference, one from another book, or one that names another
    /// account or instrument than the order is denied as <see cref="RiskReason.InvalidOrder"/> (fail closed, never a guess).</returns>
    /// <remarks>An order built with <see cref="BookAccount.Id"/> and <see cref="BookInstrument.Symbol"/> is matched by reference, without reading the strings.</remarks>
    public RiskDecision Check(in OrderRequest order, BookAccount account, BookInstrument instrument) =>
        CheckCore(in order, ReferenceEquals(account.Book, _book) ? account.State : null, ReferenceEquals(instrument.Book, _book) ? instrument.State : null, resolved: true);

    private RiskDecision CheckCore(in OrderRequest order, AccountState? account, InstrumentState? instrument, bool resolved)
    {
        var now = _time.GetUtcNow();
        var breached = false;
        Interlocked.Increment(ref _ordersChecked);
        var decision = resolved && (account is null || instrument is null)
            ? RiskDecision.Deny(RiskReason.InvalidOrder)
            : EvaluateChecked(in order, now, amendment: false, out breached, account, instrument);
        if (decision.IsAllowed)
        {
            Interlocked.Increment(ref _ordersAllowed);
        }

        Finish(in order, in decision, breached, now, "order");
        return decision;
    }

    /// <summary>Checks a cancel request against the message-rate limit; cancels are allowed while halted or under a kill switch.</summary>
    /// <param name="account">The account.</param>
    /// <param name="orderId">The open order to cancel.</param>
    /// <returns>The decision. The reservation is kept until the venue confirms through <see cref="OnOrderCancelled(string, string, decimal?)"/>.</returns>
    public RiskDecision CheckCancel(string account, string orderId)
    {
        var now = _time.GetUtcNow();
        Interlocked.Increment(ref _cancelsChecked);
        RiskDecision decision;
        if (string.IsNullOrEmpty(account) || string.IsNullOrEmpty(orderId))
        {
            decision = RiskDecision.Deny(RiskReason.InvalidOrder);
        }
        else if (!_book.TryGetAccountState(account, out var a))
        {
            decision = RiskDecision.Deny(RiskReason.UnknownAccount);
        }
        else
        {
            lock (a.Sync)
            {
                if (!a.OpenOrders.TryGetValue(orderId, out var entry))
                {
                    decision = RiskDecision.Deny(RiskReason.UnknownOrDuplicateOrderId);
                }
                else
                {
                    var limits = a.GetLimits(_global, entry.Position.Instrument.Definition.Limits, a.Limits, _book.GetStrategyLimits(entry.Strategy));
                    decision = CheckMessageRate(a, limits, now.UtcTicks);
                    if (decision.IsAllowed)
                    {
                        a.MessageWindow.Add(now.UtcTicks, limits.MaxMessagesPerWindow ?? 0);
                    }
                }
            }
        }

        if (!decision.IsAllowed)
        {
            Interlocked.Increment(ref _cancelsDenied);
            PublishDenial(account, orderId, null, null, in decision, now, "cancel");
        }

        return decision;
    }

    /// <summary>Checks an amendment of an open order (new remaining quantity and price) against every control, as if it replaced the original.</summary>
    /// <param name="account">The account.</param>
    /// <param name="orderId">The open order.</param>
    /// <param name="newQuantity">The new remaining quantity.</param>
    /// <param name="newLimitPrice">The new limit price, for a limit order.</param>
    /// <returns>The decision; when allowed, the reservation is updated. An amendment counts toward the message rate, not the order rate.</returns>
    public RiskDecision CheckAmend(string account, string orderId, decimal newQuantity, decimal? newLimitPrice)
    {
        var now = _time.GetUtcNow();
        Interlocked.Increment(ref _amendsChecked);
        OrderRequest request = default;
        var known = false;
        if (!string.IsNullOrEmpty(account) && !string.IsNullOrEmpty(orderId) && _book.TryGetAccountState(account, out var a))
        {
            lock (a.Sync)
            {
                if (a.OpenOrders.TryGetValue(orderId, out var e))
                {
                    known = true;
                    request = new OrderRequest(orderId, account, e.Position.Instrument.Definition.Symbol, e.Side, e.Type, newQuantity, newLimitPrice)
                    {
                        Strategy = e.Strategy,
                    };
                }
            }
        }

        var breached = false;
        var decision = known ? EvaluateChecked(in request, now, amendment: true, out breached, null, null) : RiskDecision.Deny(RiskReason.UnknownOrDuplicateOrderId);
        if (!decision.IsAllowed)
        {
            Interlocked.Increment(ref _amendsDenied);
        }

        Finish(in request, in decision, breached, now, "amend", account, orderId);
        return decision;
    }

    /// <summary>Applies a fill: moves the position (FIFO lots, exact P&amp;L) and releases the order's reservation by the filled quantity.</summary>
    /// <param name="fill">The fill.</param>
    /// <returns>The P&amp;L this fill realised.</returns>
    /// <exception cref="ArgumentException">The fill is malformed (empty ids, a quantity or price that is not positive).</exception>
    /// <exception cref="KeyNotFoundException">The account or instrument is not defined.</exception>
    /// <remarks>A fill that takes the daily loss to its limit switches the account to reduce-only.</remarks>
    public decimal OnFill(in Fill fill)
    {
        if (string.IsNullOrEmpty(fill.Account) || string.IsNullOrEmpty(fill.Instrument))
        {
            throw new ArgumentException("A fill needs an account and an instrument.", nameof(fill));
        }

        if (fill.Quantity <= 0m || fill.Price <= 0m || !Enum.IsDefined(fill.Side))
        {
            throw new ArgumentException("A fill needs a known side and a quantity and price above zero.", nameof(fill));
        }

        if (!_book.TryGetAccountState(fill.Account, out var a))
        {
            throw new KeyNotFoundException($"The fill's account '{fill.Account}' is not defined; call PortfolioBook.DefineAccount first.");
        }

        if (!_book.TryGetInstrumentState(fill.Instrument, out var i))
        {
            throw new KeyNotFoundException($"The fill's instrument '{fill.Instrument}' is not defined; call PortfolioBook.DefineInstrument first.");
        }

        if (!FitsDecimal(fill.Quantity, fill.Price, i.Definition.Multiplier))
        {
            throw new ArgumentException("The fill's quantity times price times the instrument's multiplier is beyond the decimal range.", nameof(fill));
        }

        decimal realised;
        var breached = false;
        lock (a.Sync)
        {
            var k = fill.OrderId is null ? -1 : a.OpenOrders.IndexOf(fill.OrderId);
            if (k >= 0 && ReferenceEquals(a.OpenOrders.At(k).Position.Instrument, i))
            {
                Release(a, k, Math.Min(fill.Quantity, a.OpenOrders.At(k).Remaining));
            }

            realised = a.GetOrAddPosition(i).Apply(fill.Side, fill.Quantity, fill.Price);
            var limits = a.GetLimits(_global, i.Definition.Limits, a.Limits, null);
            if (!a.DailyLossBreached && limits.MaxDailyLossFraction is { } dl)
            {
                var (r, u) = PortfolioBook.DailyPnl(a);
                if (u is { } unrealised && -(r + unrealised) >= dl * a.StartOfDayNav)
                {
                    a.DailyLossBreached = true;
                    breached = true;
                }
            }
        }

        Interlocked.Increment(ref _fills);
        if (breached)
        {
            OnBreach(fill.Account, _time.GetUtcNow());
        }

        return realised;
    }

    /// <summary>Releases the reservation of an order the venue cancelled, fully or in part.</summary>
    /// <param name="account">The account.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="cancelledQuantity">The quantity cancelled; <see langword="null"/> for all that remains.</param>
    /// <returns><see langword="true"/> when the order was open.</returns>
#pragma warning disable RS0027 // The overload taking a BookAccount has as many parameters; the first one's type tells them apart, so no call is ambiguous.
    public bool OnOrderCancelled(string account, string orderId, decimal? cancelledQuantity = null)
#pragma warning restore RS0027
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(orderId);
        if (cancelledQuantity is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(cancelledQuantity), "A cancelled quantity must be more than zero.");
        }

        return _book.TryGetAccountState(account, out var a) && Cancel(a, orderId, cancelledQuantity);
    }

    /// <summary>Releases the reservation of an order the venue cancelled, for an account resolved once from the book (no look-up by id).</summary>
    /// <param name="account">The account, from <see cref="PortfolioBook.ResolveAccount"/> of this gate's book.</param>
    /// <param name="orderId">The order.</param>
    /// <param name="cancelledQuantity">The quantity cancelled; <see langword="null"/> for all that remains.</param>
    /// <returns><see langword="true"/> when the order was open.</returns>
    /// <exception cref="ArgumentException">The reference is the default value or was resolved from another book.</exception>
    public bool OnOrderCancelled(BookAccount account, string orderId, decimal? cancelledQuantity)
    {
        var a = _book.StateOf(account);
        ArgumentNullException.ThrowIfNull(orderId);
        if (cancelledQuantity is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(cancelledQuantity), "A cancelled quantity must be more than zero.");
        }

        return Cancel(a, orderId, cancelledQuantity);
    }

    /// <summary>Releases the whole reservation of an order the venue rejected.</summary>
    /// <param name="account">The account.</param>
    /// <param name="orderId">The order.</param>
    /// <returns><see langword="true"/> when the order was open.</returns>
    public bool OnOrderRejected(string account, string orderId) => OnOrderCancelled(account, orderId);

    /// <summary>Returns a snapshot of the gate's counters: orders checked and allowed, denials by reason, cancels, amendments, fills, daily-loss breaches.</summary>
    /// <returns>The snapshot.</returns>
    public RiskGateStatistics GetStatistics()
    {
        var byReason = new Dictionary<RiskReason, long>();
        for (var r = 1; r < _denials.Length; r++)
        {
            var n = Interlocked.Read(ref _denials[r]);
            if (n > 0)
            {
                byReason[(RiskReason)r] = n;
            }
        }

        return new RiskGateStatistics(
            Interlocked.Read(ref _ordersChecked),
            Interlocked.Read(ref _ordersAllowed),
            Interlocked.Read(ref _cancelsChecked),
            Interlocked.Read(ref _cancelsDenied),
            Interlocked.Read(ref _amendsChecked),
            Interlocked.Read(ref _amendsDenied),
            Interlocked.Read(ref _fills),
            Interlocked.Read(ref _breaches),
            byReason);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static bool Cancel(AccountState a, string orderId, decimal? cancelledQuantity)
    {
        lock (a.Sync)
        {
            var k = a.OpenOrders.IndexOf(orderId);
            if (k < 0)
            {
                return false;
            }

            var remaining = a.OpenOrders.At(k).Remaining;
            Release(a, k, Math.Min(cancelledQuantity ?? remaining, remaining));
            return true;
        }
    }

    private RiskDecision CheckMessageRate(AccountState a, EffectiveLimits limits, long nowTicks)
    {
        if (limits.MaxMessagesPerWindow is { } max)
        {
            var n = a.MessageWindow.CountInWindow(nowTicks, _messageWindowTicks) + 1;
            if (n > max)
            {
                return RiskDecision.Deny(RiskReason.MessageRateLimit, n, max);
            }
        }

        return RiskDecision.Allowed;
    }

    // Every check computes in decimal; values so large that a product or sum leaves the decimal range deny rather than throw.
    // The overflow can only be raised before Reserve writes (Reserve's sums are computed by the checks first), so nothing is half-written.
    private RiskDecision EvaluateChecked(in OrderRequest o, DateTimeOffset now, bool amendment, out bool breached, AccountState? account, InstrumentState? instrument)
    {
        breached = false;
        try
        {
            return Evaluate(in o, now, amendment, out breached, account, instrument);
        }
        catch (OverflowException)
        {
            return RiskDecision.Deny(RiskReason.InvalidOrder);
        }
    }

    private static bool SameKey(string name, string key) => ReferenceEquals(name, key) || string.Equals(name, key, StringComparison.Ordinal);

    private static bool FitsDecimal(decimal quantity, decimal price, decimal multiplier)
    {
        try
        {
            _ = quantity * price * multiplier;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // account and inst: the states a caller resolved beforehand (both or neither), or null to look them up by the order's strings.
    private RiskDecision Evaluate(in OrderRequest o, DateTimeOffset now, bool amendment, out bool breached, AccountState? a, InstrumentState? inst)
    {
        breached = false;
        if (string.IsNullOrEmpty(o.OrderId) || string.IsNullOrEmpty(o.Account) || string.IsNullOrEmpty(o.Instrument)
            || o.Quantity <= 0m || !Enum.IsDefined(o.Side) || !Enum.IsDefined(o.Type)
            || (o.Type == OrderType.Limit && o.LimitPrice is not > 0m))
        {
            return RiskDecision.Deny(RiskReason.InvalidOrder);
        }

        if (inst is not null && a is not null)
        {
            // Resolved references must name the order's own account and instrument; the same string instance is matched without reading it.
            if (!SameKey(o.Instrument, inst.Key) || !SameKey(o.Account, a.Key))
            {
                return RiskDecision.Deny(RiskReason.InvalidOrder);
            }
        }
        else if (!_book.TryGetInstrumentState(o.Instrument, out inst))
        {
            return RiskDecision.Deny(RiskReason.UnknownInstrument);
        }
        else if (!_book.TryGetAccountState(o.Account, out a))
        {
            return RiskDecision.Deny(RiskReason.UnknownAccount);
        }

        // Start loading the account's arrays now: with a large book they are cold, and each would otherwise stall the check in turn.
        // The words read may be changing under another thread's hold of the lock; they are not used.
        _ = a.Touch();
        var (state, killed) = _states.Evaluate(o.Account, o.Strategy);
        if (killed)
        {
            return RiskDecision.Deny(RiskReason.KillSwitchEngaged);
        }

        if (state == TradingState.Halted)
        {
            return RiskDecision.Deny(RiskReason.TradingHalted);
        }

        if (inst.Restricted)
        {
            return RiskDecision.Deny(RiskReason.RestrictedInstrument);
        }

        // One consistent copy of the instrument's grid, risk numbers, quote and collar anchor; then everything the account holds, under its lock.
        inst.Read(out var market);
        lock (a.Sync)
        {
            return EvaluateOrder(in o, a, inst, in market, state, now, amendment, ref breached);
        }
    }

    private RiskDecision EvaluateOrder(
        in OrderRequest o, AccountState a, InstrumentState inst, in InstrumentState.Hot market, TradingState state, DateTimeOffset now, bool amendment, ref bool breached)
    {
        if (!string.Equals(market.Currency, a.Currency, StringComparison.Ordinal))
        {
            return RiskDecision.Deny(RiskReason.CurrencyMismatch);
        }

        var limitPrice = o.Type == OrderType.Limit ? o.LimitPrice.GetValueOrDefault() : 0m;
        if (o.Type == OrderType.Limit && limitPrice % market.TickSize != 0m)
        {
            return RiskDecision.Deny(RiskReason.InvalidTickSize, limitPrice, market.TickSize);
        }

        if (o.Quantity % market.LotSize != 0m)
        {
            return RiskDecision.Deny(RiskReason.InvalidLotSize, o.Quantity, market.LotSize);
        }

        var limits = a.GetLimits(_global, market.Limits, a.Limits, _book.GetStrategyLimits(o.Strategy));
        if (!market.HasQuote || market.ReferencePrice is not { } reference)
        {
            return RiskDecision.Deny(RiskReason.NoReferencePrice);
        }

        // A quote stamped further ahead of the clock than the maximum age is as untrustworthy as an old one: taken at its
        // word it would stay fresh until its future stamp, switching the staleness control off (fail closed).
        var age = new TimeSpan(now.UtcTicks - market.QuoteTicks);
        if (age > _maxQuoteAge || age < -_maxQuoteAge)
        {
            return RiskDecision.Deny(RiskReason.StalePrice, (decimal)age.TotalSeconds, (decimal)_maxQuoteAge.TotalSeconds);
        }

        if (limits.MaxOrderQuantity is { } maxQuantity && o.Quantity > maxQuantity)
        {
            return RiskDecision.Deny(RiskReason.MaxOrderQuantity, o.Quantity, maxQuantity);
        }

        // Market orders are priced at the far touch: the ask for a buy, the bid for a sell.
        var price = o.Type == OrderType.Limit ? limitPrice : (o.Side == OrderSide.Buy ? market.Quote.Ask : market.Quote.Bid) ?? 0m;
        if (price <= 0m)
        {
            return RiskDecision.Deny(RiskReason.NoReferencePrice);
        }

        if (limits.MaxOrderNotional is { } maxNotional)
        {
            var notional = o.Quantity * price * market.Multiplier;
            if (notional > maxNotional)
            {
                return RiskDecision.Deny(RiskReason.MaxOrderNotional, notional, maxNotional);
            }
        }

        if (o.Type == OrderType.Limit)
        {
            if (limits.PriceCollar is { } collar)
            {
                var deviation = Math.Abs(limitPrice - reference);
                var allowed = collar * reference;
                if (deviation > allowed)
                {
                    return RiskDecision.Deny(RiskReason.PriceCollar, deviation, allowed);
                }
            }

            if (limits.PeriodPriceCollar is { } periodCollar && market.Anchor is { } periodReference)
            {
                var deviation = Math.Abs(limitPrice - periodReference);
                var allowed = periodCollar * periodReference;
                if (deviation > allowed)
                {
                    return RiskDecision.Deny(RiskReason.PeriodPriceCollar, deviation, allowed);
                }
            }
        }

        return EvaluateBook(in o, a, inst, in market, limits, state, reference, price, now, amendment, ref breached);
    }

    private RiskDecision EvaluateBook(
        in OrderRequest o, AccountState a, InstrumentState inst, in InstrumentState.Hot market, EffectiveLimits limits, TradingState state,
        decimal reference, decimal price, DateTimeOffset now, bool amendment, ref bool breached)
    {
        var originalIndex = -1;
        if (amendment)
        {
            originalIndex = a.OpenOrders.IndexOf(o.OrderId);
            if (originalIndex < 0 || !ReferenceEquals(a.OpenOrders.At(originalIndex).Position.Instrument, inst))
            {
                return RiskDecision.Deny(RiskReason.UnknownOrDuplicateOrderId);
            }
        }
        else if (a.OpenOrders.ContainsKey(o.OrderId))
        {
            return RiskDecision.Deny(RiskReason.UnknownOrDuplicateOrderId);
        }

        var buy = o.Side == OrderSide.Buy;
        a.TryGetPosition(inst, out var position);
        var held = position?.Quantity ?? 0m;
        var openSameSide = position is null ? 0m : buy ? position.OpenBuyQuantity : position.OpenSellQuantity;
        if (amendment)
        {
            openSameSide -= a.OpenOrders.At(originalIndex).Remaining;
        }

        // An order reduces the position when it and the resting same-side orders together cannot flip it.
        var reducing = buy ? held < 0m && openSameSide + o.Quantity <= -held : held > 0m && openSameSide + o.Quantity <= held;
        if (o.ReduceOnly && !reducing)
        {
            return RiskDecision.Deny(RiskReason.ReduceOnly);
        }

        var nav = a.StartOfDayNav;
        var needVar = !reducing && limits.MaxVarFraction is not null;
        var realised = 0m;
        var unrealised = 0m;
        var varOthers = 0m;
        var missingMark = false;
        var missingVolatility = false;
        foreach (var p in a.Positions)
        {
            realised += p.RealisedToday;
            if (p.Quantity == 0m)
            {
                unrealised -= p.StartOfDayUnrealised;
                continue;
            }

            // The order's own instrument is marked from the copy this check already holds; every other one is read now.
            decimal mark;
            decimal multiplier;
            decimal? volatility;
            var own = ReferenceEquals(p.Instrument, inst);
            if (own)
            {
                mark = reference;
                multiplier = market.Multiplier;
                volatility = market.DailyVolatility;
            }
            else if (!p.Instrument.TryMark(out mark, out multiplier, out volatility))
            {
                missingMark = true;
                continue;
            }

            unrealised += p.Unrealised(mark, multiplier) - p.StartOfDayUnrealised;
            if (needVar && !own)
            {
                if (volatility is { } sigma)
                {
                    varOthers += _varZ * sigma * Math.Abs(p.Quantity) * mark * multiplier;
                }
                else
                {
                    missingVolatility = true;
                }
            }
        }

        if (limits.MaxDailyLossFraction is { } dailyLoss && !missingMark)
        {
            var loss = -(realised + unrealised);
            var allowedLoss = dailyLoss * nav;

            // The daily-loss limit is reached, not exceeded, to trigger: a loss equal to it switches the account to reduce-only.
            if (loss >= allowedLoss && !a.DailyLossBreached)
            {
                a.DailyLossBreached = true;
                breached = true;
            }

            if (a.DailyLossBreached && !reducing)
            {
                return RiskDecision.Deny(RiskReason.DailyLossLimit, loss, allowedLoss);
            }
        }

        if (!reducing && missingMark)
        {
            return RiskDecision.Deny(RiskReason.NoReferencePrice);
        }

        if (state == TradingState.ReduceOnly && !reducing)
        {
            return RiskDecision.Deny(RiskReason.ReduceOnly);
        }

        if (!reducing && limits.MinOrderQuantity is { } minQuantity && o.Quantity < minQuantity)
        {
            return RiskDecision.Deny(RiskReason.BelowMinimumQuantity, o.Quantity, minQuantity);
        }

        if (_selfTradePrevention && position is not null && (buy ? position.OpenSellCount : position.OpenBuyCount) > 0
            && CrossesOwnOrder(a, position, in o, price, originalIndex))
        {
            return RiskDecision.Deny(RiskReason.SelfTrade);
        }

        var openOrders = a.OpenOrders.Count + (amendment ? 0 : 1);
        if (limits.MaxOpenOrders is { } maxOpen && openOrders > maxOpen)
        {
            return RiskDecision.Deny(RiskReason.MaxOpenOrders, openOrders, maxOpen);
        }

        if (!reducing)
        {
            // Worst case on the order's side: the position plus every resting same-side order plus this one.
            var projected = buy ? held + openSameSide + o.Quantity : held - openSameSide - o.Quantity;
            var exposure = Math.Abs(projected) * reference * market.Multiplier;
            if (limits.MaxPositionFraction is { } positionFraction)
            {
                var allowed = positionFraction * nav;
                if (exposure > allowed)
                {
                    return RiskDecision.Deny(RiskReason.PositionLimit, exposure, allowed);
                }
            }

            if (limits.MaxVarFraction is { } varFraction)
            {
                if (missingVolatility || market.DailyVolatility is not { } sigma)
                {
                    return RiskDecision.Deny(RiskReason.NoRiskData);
                }

                var valueAtRisk = varOthers + (_varZ * sigma * exposure);
                var allowed = varFraction * nav;
                if (valueAtRisk > allowed)
                {
                    return RiskDecision.Deny(RiskReason.VarLimit, valueAtRisk, allowed);
                }
            }
        }

        var nowTicks = now.UtcTicks;
        if (!amendment && limits.MaxOrdersPerWindow is { } maxOrders)
        {
            var n = a.OrderWindow.CountInWindow(nowTicks, _orderWindowTicks) + 1;
            if (n > maxOrders)
            {
                return RiskDecision.Deny(RiskReason.OrderRateLimit, n, maxOrders);
            }
        }

        var messages = CheckMessageRate(a, limits, nowTicks);
        if (!messages.IsAllowed)
        {
            return messages;
        }

        Reserve(a, inst, position, in o, limits, now, originalIndex);
        return RiskDecision.Allowed;
    }

    /// <summary>Whether the order would trade against a resting order of the account in the same instrument, on the other side (an amendment skips its own original).</summary>
    private static bool CrossesOwnOrder(AccountState a, PositionState position, in OrderRequest o, decimal price, int skipIndex)
    {
        var buy = o.Side == OrderSide.Buy;
        var entries = a.OpenOrders.Entries;
        for (var k = 0; k < entries.Length; k++)
        {
            ref readonly var resting = ref entries[k];
            if (!ReferenceEquals(resting.Position, position) || resting.Side == o.Side || k == skipIndex)
            {
                continue;
            }

            // A market order, or a resting market order, crosses anything; otherwise a buy crosses a sell at or below its price.
            if (o.Type == OrderType.Market || resting.Type == OrderType.Market)
            {
                return true;
            }

            var restingPrice = resting.LimitPrice.GetValueOrDefault();
            if (buy ? price >= restingPrice : price <= restingPrice)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reserves an allowed order: a new resting entry, or the amended original at <paramref name="originalIndex"/>.</summary>
    private static void Reserve(AccountState a, InstrumentState inst, PositionState? position, in OrderRequest o, EffectiveLimits limits, DateTimeOffset now, int originalIndex)
    {
        var nowTicks = now.UtcTicks;
        position ??= a.GetOrAddPosition(inst);
        if (originalIndex >= 0)
        {
            ref var original = ref a.OpenOrders.At(originalIndex);
            var delta = o.Quantity - original.Remaining;
            if (o.Side == OrderSide.Buy)
            {
                position.OpenBuyQuantity += delta;
            }
            else
            {
                position.OpenSellQuantity += delta;
            }

            original.Remaining = o.Quantity;
            original.LimitPrice = o.Type == OrderType.Limit ? o.LimitPrice : null;
        }
        else
        {
            a.OpenOrders.Add(new OpenOrderEntry
            {
                OrderId = o.OrderId,
                Position = position,
                Strategy = o.Strategy,
                Side = o.Side,
                Type = o.Type,
                Remaining = o.Quantity,
                LimitPrice = o.Type == OrderType.Limit ? o.LimitPrice : null,
                SentAt = now,
            });
            if (o.Side == OrderSide.Buy)
            {
                position.OpenBuyQuantity += o.Quantity;
                position.OpenBuyCount++;
            }
            else
            {
                position.OpenSellQuantity += o.Quantity;
                position.OpenSellCount++;
            }

            a.OrderWindow.Add(nowTicks, limits.MaxOrdersPerWindow ?? 0);
        }

        a.MessageWindow.Add(nowTicks, limits.MaxMessagesPerWindow ?? 0);
    }

    private void Finish(in OrderRequest o, in RiskDecision decision, bool breached, DateTimeOffset now, string kind, string? account = null, string? orderId = null)
    {
        _checks.Add(1, new KeyValuePair<string, object?>("reason", ReasonNames[(int)decision.Reason]));
        if (breached)
        {
            OnBreach(o.Account ?? account ?? string.Empty, now);
        }

        if (!decision.IsAllowed)
        {
            Interlocked.Increment(ref _denials[(int)decision.Reason]);
            PublishDenial(o.Account ?? account, o.OrderId ?? orderId, o.Instrument, o.Strategy, in decision, now, kind);
        }
    }

    private void OnBreach(string account, DateTimeOffset now)
    {
        Interlocked.Increment(ref _breaches);
        Log.DailyLossBreached(_logger, account);
        _publisher.Publish(SecurityEventTypes.ComplianceViolation, now, "compliance.risk-gate", "account/" + account, SecurityOutcome.Failure, new Dictionary<string, string>
            {
                ["reason"] = "daily_loss_limit",
                ["account"] = account,
                ["action"] = "reduce_only",
            }, SecuritySeverity.High);
        _states.ChangeStateBySystem(KillSwitchScope.ForAccount(account), TradingState.ReduceOnly, "daily loss limit reached");
    }

    private void PublishDenial(string? account, string? orderId, string? instrument, string? strategy, in RiskDecision decision, DateTimeOffset now, string kind)
    {
        var reason = ReasonNames[(int)decision.Reason];
        Log.Denied(_logger, kind, orderId ?? string.Empty, account ?? string.Empty, reason);
        var properties = new Dictionary<string, string>(8)
        {
            ["reason"] = reason,
            ["kind"] = kind,
        };
        Put(properties, "account", account);
        Put(properties, "order_id", orderId);
        Put(properties, "instrument", instrument);
        Put(properties, "strategy", strategy);
        if (decision.Limit != 0m)
        {
            // The configured limit is configuration data (internal); the observed value is order or P&L data and stays out.
            properties["limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        }

        _publisher.Publish(SecurityEventTypes.OrderDenied, now, strategy ?? account, orderId is null ? null : "order/" + orderId, SecurityOutcome.Denied, properties);
    }

    private static void Put(Dictionary<string, string> properties, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            properties[name] = ComplianceEvents.Bounded(value)!;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Denied {Kind} {OrderId} of account {Account}: {Reason}.")]
        public static partial void Denied(ILogger logger, string kind, string orderId, string account, string reason);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Account {Account} reached its daily loss limit and is now reduce-only.")]
        public static partial void DailyLossBreached(ILogger logger, string account);
    }

    private static void Release(AccountState a, int index, decimal quantity)
    {
        ref var entry = ref a.OpenOrders.At(index);
        var p = entry.Position;
        var remaining = entry.Remaining - quantity;
        if (entry.Side == OrderSide.Buy)
        {
            p.OpenBuyQuantity -= quantity;
        }
        else
        {
            p.OpenSellQuantity -= quantity;
        }

        if (remaining > 0m)
        {
            entry.Remaining = remaining;
            return;
        }

        if (entry.Side == OrderSide.Buy)
        {
            p.OpenBuyCount--;
        }
        else
        {
            p.OpenSellCount--;
        }

        a.OpenOrders.RemoveAt(index);
    }

    private static string ToSnakeCase(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }
}
