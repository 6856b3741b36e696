using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance;

/// <summary>The reference data and live book the risk gate works on: instruments, accounts, quotes, positions, P&amp;L and open orders.</summary>
/// <remarks>
/// Thread-safe. Lookups are hash lookups, so their cost does not grow with the number of accounts or instruments.
/// Positions use FIFO lots: realised P&amp;L is (exit - entry) x quantity x multiplier per lot, exact in <see cref="decimal"/>.
/// Orders, fills, cancels and rejects reach the book through <see cref="PreTradeRiskGate"/>.
/// </remarks>
public sealed class PortfolioBook
{
    private readonly KeyedStateTable<InstrumentState> _instruments = new();
    private readonly KeyedStateTable<AccountState> _accounts = new();
    private readonly ConcurrentDictionary<string, RiskLimits> _strategyLimits = new(StringComparer.Ordinal);
    private readonly HashSet<string> _restrictedAtStart;
    private readonly TimeSpan _collarPeriod;

    /// <summary>Initializes an empty book.</summary>
    /// <param name="options">The compliance options (collar period, restricted list).</param>
    public PortfolioBook(IOptions<ComplianceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        _collarPeriod = o.CollarPeriod;
        _restrictedAtStart = new HashSet<string>(o.RestrictedInstruments, StringComparer.Ordinal);
    }

    /// <summary>Gets the number of defined accounts.</summary>
    public int AccountCount => _accounts.Count;

    /// <summary>Gets the number of defined instruments.</summary>
    public int InstrumentCount => _instruments.Count;

    /// <summary>Adds an instrument or replaces its definition (its quote and positions are kept).</summary>
    /// <param name="instrument">The definition.</param>
    public void DefineInstrument(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var restricted = instrument.Restricted || _restrictedAtStart.Contains(instrument.Symbol);
        var state = _instruments.GetOrAdd(instrument.Symbol, static a => new InstrumentState(a.instrument) { Restricted = a.restricted }, (instrument, restricted), out var added);
        if (!added)
        {
            state.Define(instrument);
            state.Restricted = restricted || state.Restricted;
        }
    }

    /// <summary>Adds an account or replaces its definition (its positions and open orders are kept).</summary>
    /// <param name="account">The definition, with its start-of-day NAV.</param>
    /// <remarks>Replacing a definition does not start a new day; call <see cref="BeginDay"/> for that.</remarks>
    public void DefineAccount(TradingAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var state = _accounts.GetOrAdd(account.Id, static a => new AccountState(a), account, out _);
        lock (state.Sync)
        {
            state.Definition = account;
        }
    }

    /// <summary>Starts a new trading day for an account: sets the start-of-day NAV, zeroes realised P&amp;L and re-bases unrealised P&amp;L at the current marks.</summary>
    /// <param name="account">The account id.</param>
    /// <param name="startOfDayNav">The new start-of-day NAV; more than zero.</param>
    /// <exception cref="KeyNotFoundException">The account is not defined.</exception>
    /// <remarks>The daily-loss latch is cleared; a reduce-only trading state it caused stays until someone with the permission lifts it.</remarks>
    public void BeginDay(string account, decimal startOfDayNav)
    {
        var state = GetAccountState(account);
        lock (state.Sync)
        {
            var d = state.Definition;
            state.Definition = new TradingAccount(d.Id, startOfDayNav, d.Currency) { Limits = d.Limits };
            foreach (var p in state.Positions)
            {
                p.RealisedToday = 0m;
                p.StartOfDayUnrealised = p.Instrument.Mark() is { } m ? p.Unrealised(m) : 0m;
            }

            state.DailyLossBreached = false;
        }
    }

    /// <summary>Sets or clears the limits of a strategy (agent), tightening the global ones for its orders.</summary>
    /// <param name="strategy">The strategy id.</param>
    /// <param name="limits">The limits; <see langword="null"/> removes them.</param>
    public void SetStrategyLimits(string strategy, RiskLimits? limits)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        if (limits is null)
        {
            _strategyLimits.TryRemove(strategy, out _);
        }
        else
        {
            _strategyLimits[strategy] = limits.Clone();
        }
    }

    /// <summary>Puts an instrument on the restricted list or takes it off.</summary>
    /// <param name="instrument">The instrument symbol.</param>
    /// <param name="restricted">Whether new orders in it are denied.</param>
    /// <exception cref="KeyNotFoundException">The instrument is not defined.</exception>
    public void SetRestricted(string instrument, bool restricted) => GetInstrumentState(instrument).Restricted = restricted;

    /// <summary>Records the prevailing market for an instrument; a quote older than the one held is ignored.</summary>
    /// <param name="instrument">The instrument symbol.</param>
    /// <param name="quote">The quote.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when it was older than the current one.</returns>
    /// <exception cref="KeyNotFoundException">The instrument is not defined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive, or the bid is above the ask.</exception>
    public bool UpdateMarketData(string instrument, in MarketQuote quote)
    {
        CheckQuote(in quote);
        return GetInstrumentState(instrument).Update(quote, _collarPeriod);
    }

    /// <summary>Records the prevailing market for a resolved instrument, without looking its symbol up; a quote older than the one held is ignored.</summary>
    /// <param name="instrument">The instrument, resolved from this book with <see cref="ResolveInstrument"/>.</param>
    /// <param name="quote">The quote.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when it was older than the current one.</returns>
    /// <exception cref="ArgumentException">The reference is the default value or was resolved from another book.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A price is not positive, or the bid is above the ask.</exception>
    public bool UpdateMarketData(BookInstrument instrument, in MarketQuote quote)
    {
        CheckQuote(in quote);
        return StateOf(instrument).Update(quote, _collarPeriod);
    }

    /// <summary>Resolves an account once, for the gate's hot path (<see cref="BookAccount"/>).</summary>
    /// <param name="account">The account id.</param>
    /// <returns>The reference; valid for this book's life.</returns>
    /// <exception cref="KeyNotFoundException">The account is not defined.</exception>
    public BookAccount ResolveAccount(string account) => new(this, GetAccountState(account));

    /// <summary>Resolves an instrument once, for market data and the gate's hot path (<see cref="BookInstrument"/>).</summary>
    /// <param name="instrument">The instrument symbol.</param>
    /// <returns>The reference; valid for this book's life.</returns>
    /// <exception cref="KeyNotFoundException">The instrument is not defined.</exception>
    public BookInstrument ResolveInstrument(string instrument) => new(this, GetInstrumentState(instrument));

    /// <summary>Gets the latest quote of an instrument.</summary>
    /// <param name="instrument">The instrument symbol.</param>
    /// <param name="quote">The quote when one is known.</param>
    /// <returns><see langword="true"/> when the instrument has a quote.</returns>
    public bool TryGetQuote(string instrument, out MarketQuote quote)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        quote = default;
        return _instruments.TryGetValue(instrument, out var s) && s.TryGetQuote(out quote, out _);
    }

    /// <summary>Gets an instrument's definition.</summary>
    /// <param name="instrument">The symbol.</param>
    /// <param name="definition">The definition when defined.</param>
    /// <returns><see langword="true"/> when defined.</returns>
    public bool TryGetInstrument(string instrument, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Instrument? definition)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        definition = _instruments.TryGetValue(instrument, out var s) ? s.Definition : null;
        return definition is not null;
    }

    /// <summary>Gets an account's definition.</summary>
    /// <param name="account">The account id.</param>
    /// <param name="definition">The definition when defined.</param>
    /// <returns><see langword="true"/> when defined.</returns>
    public bool TryGetAccount(string account, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TradingAccount? definition)
    {
        ArgumentNullException.ThrowIfNull(account);
        definition = _accounts.TryGetValue(account, out var s) ? s.Definition : null;
        return definition is not null;
    }

    /// <summary>Gets a copy of one position; a flat, never-traded position is all zeros.</summary>
    /// <param name="account">The account id.</param>
    /// <param name="instrument">The instrument symbol.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="KeyNotFoundException">The account or instrument is not defined.</exception>
    public PositionSnapshot GetPosition(string account, string instrument)
    {
        var a = GetAccountState(account);
        var i = GetInstrumentState(instrument);
        lock (a.Sync)
        {
            if (!a.TryGetPosition(i, out var p))
            {
                return new PositionSnapshot(account, instrument, 0m, 0m, 0m, 0m, 0m, 0m);
            }

            decimal? unrealised = i.Mark() is { } m ? p.Unrealised(m) : (p.Quantity == 0m ? 0m : null);
            return new PositionSnapshot(account, instrument, p.Quantity, p.CostBasis, p.RealisedToday, unrealised, p.OpenBuyQuantity, p.OpenSellQuantity);
        }
    }

    /// <summary>Gets a copy of one account's P&amp;L and open-order count.</summary>
    /// <param name="account">The account id.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="KeyNotFoundException">The account is not defined.</exception>
    public AccountSnapshot GetAccount(string account)
    {
        var a = GetAccountState(account);
        lock (a.Sync)
        {
            var (realised, unrealised) = DailyPnl(a);
            return new AccountSnapshot(account, a.Definition.StartOfDayNav, realised, unrealised, a.OpenOrders.Count, a.DailyLossBreached);
        }
    }

    /// <summary>Lists the open (resting) orders of one account, or of every account.</summary>
    /// <param name="account">The account id; <see langword="null"/> for every account.</param>
    /// <returns>A copy of the open orders.</returns>
    public IReadOnlyList<OpenOrder> GetOpenOrders(string? account = null)
    {
        var list = new List<OpenOrder>();
        foreach (var a in _accounts.Values)
        {
            if (account is not null && !string.Equals(a.Key, account, StringComparison.Ordinal))
            {
                continue;
            }

            lock (a.Sync)
            {
                foreach (var o in a.OpenOrders.Entries)
                {
                    list.Add(o.ToPublic(a.Key));
                }
            }
        }

        return list;
    }

    internal IEnumerable<AccountState> Accounts => _accounts.Values;

    internal bool TryGetAccountState(string account, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AccountState? state) =>
        _accounts.TryGetValue(account, out state);

    internal bool TryGetInstrumentState(string instrument, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InstrumentState? state) =>
        _instruments.TryGetValue(instrument, out state);

    internal RiskLimits? GetStrategyLimits(string? strategy) =>
        strategy is not null && !_strategyLimits.IsEmpty && _strategyLimits.TryGetValue(strategy, out var l) ? l : null;

    /// <summary>Realised and today's unrealised P&amp;L of an account; unrealised is <see langword="null"/> when a held instrument has no mark. Caller holds the lock.</summary>
    internal static (decimal Realised, decimal? Unrealised) DailyPnl(AccountState a)
    {
        var realised = 0m;
        decimal? unrealised = 0m;
        foreach (var p in a.Positions)
        {
            realised += p.RealisedToday;
            if (p.Quantity == 0m)
            {
                unrealised -= p.StartOfDayUnrealised;
                continue;
            }

            if (p.Instrument.Mark() is { } m)
            {
                unrealised += p.Unrealised(m) - p.StartOfDayUnrealised;
            }
            else
            {
                unrealised = null;
            }
        }

        return (realised, unrealised);
    }

    /// <summary>The state a reference resolved from this book points to; a default reference or one of another book is refused.</summary>
    internal AccountState StateOf(BookAccount account, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(account))] string? name = null) =>
        account.State is { } s && ReferenceEquals(account.Book, this)
            ? s
            : throw new ArgumentException("The account reference is the default value or was resolved from another book; use this book's ResolveAccount.", name);

    /// <summary>The state a reference resolved from this book points to; a default reference or one of another book is refused.</summary>
    internal InstrumentState StateOf(BookInstrument instrument, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(instrument))] string? name = null) =>
        instrument.State is { } s && ReferenceEquals(instrument.Book, this)
            ? s
            : throw new ArgumentException("The instrument reference is the default value or was resolved from another book; use this book's ResolveInstrument.", name);

    private static void CheckQuote(in MarketQuote quote)
    {
        if (quote.Bid is <= 0m || quote.Ask is <= 0m || quote.Last is <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(quote), "Quote prices must be more than zero.");
        }

        if (quote.Bid is { } b && quote.Ask is { } a && b > a)
        {
            throw new ArgumentOutOfRangeException(nameof(quote), "A quote's bid must not be above its ask.");
        }
    }

    private AccountState GetAccountState(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return _accounts.TryGetValue(account, out var s) ? s : throw new KeyNotFoundException($"The account '{account}' is not defined; call DefineAccount first.");
    }

    private InstrumentState GetInstrumentState(string instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return _instruments.TryGetValue(instrument, out var s) ? s : throw new KeyNotFoundException($"The instrument '{instrument}' is not defined; call DefineInstrument first.");
    }
}
