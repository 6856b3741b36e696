namespace TradingRl.Security.Compliance;

/// <summary>The live state of one account: positions, open orders, rate windows, the limits its orders last used and the daily-loss latch.</summary>
/// <remarks>
/// Every member is guarded by <see cref="Sync"/>; a check or a fill for the account holds it throughout, so reservation is atomic.
/// Laid out so a check reaches everything the account contributes from this object and a few arrays it owns directly (positions,
/// open orders, the two rate windows): with 100,000 accounts each order finds its account cold, and each reference followed is a miss.
/// </remarks>
internal sealed class AccountState : KeyedState
{
    private const int PositionScanLimit = 8;

    /// <summary>The open (resting) orders; a mutable struct, so it is a field.</summary>
    public OpenOrderTable OpenOrders = new();

    /// <summary>Times of the orders accepted in the order-rate window; a mutable struct, so it is a field.</summary>
    public SlidingWindow OrderWindow = new();

    /// <summary>Times of the messages accepted in the message-rate window; a mutable struct, so it is a field.</summary>
    public SlidingWindow MessageWindow = new();

    private TradingAccount _definition;
    private PositionState[] _positions = [];
    private int _positionCount;
    private Dictionary<InstrumentState, PositionState>? _positionIndex;

    // The combined limits the last order used, and the four sources they were made from (with their versions).
    private EffectiveLimits? _limits;
    private RiskLimits? _limitsGlobal;
    private RiskLimits? _limitsInstrument;
    private RiskLimits? _limitsAccount;
    private RiskLimits? _limitsStrategy;
    private int _globalVersion;
    private int _instrumentVersion;
    private int _accountVersion;
    private int _strategyVersion;
    private EffectiveLimitsCache? _limitsCache;

    public AccountState(TradingAccount definition)
        : base(definition.Id)
    {
        _definition = definition;
        StartOfDayNav = definition.StartOfDayNav;
        Currency = definition.Currency;
        Limits = definition.Limits;
    }

    /// <summary>Gets the lock: this private object's own monitor, whose thin lock lives in the object header, so taking it touches no other cache line.</summary>
    public object Sync => this;

    /// <summary>Gets or sets the definition; set under <see cref="Sync"/>, read without it only for the definition itself.</summary>
    public TradingAccount Definition
    {
        get => Volatile.Read(ref _definition);
        set
        {
            StartOfDayNav = value.StartOfDayNav;
            Currency = value.Currency;
            Limits = value.Limits;
            Volatile.Write(ref _definition, value);
        }
    }

    /// <summary>Gets the start-of-day NAV of <see cref="Definition"/>, kept here so a check does not follow the reference.</summary>
    public decimal StartOfDayNav { get; private set; }

    /// <summary>Gets the NAV currency of <see cref="Definition"/>.</summary>
    public string Currency { get; private set; }

    /// <summary>Gets the account's own limits of <see cref="Definition"/>.</summary>
    public RiskLimits? Limits { get; private set; }

    /// <summary>Set once the daily loss reached its limit today; cleared by a new day.</summary>
    public bool DailyLossBreached { get; set; }

    /// <summary>Gets the positions, in the order they were opened; valid until a position is added.</summary>
    public ReadOnlySpan<PositionState> Positions => _positions.AsSpan(0, _positionCount);

    /// <summary>
    /// Reads one word of each line a check of this account is about to use (the first position, the open orders, both ends of both
    /// rate windows), so the cache misses of a cold account are taken together instead of one after another as the check reaches each.
    /// </summary>
    /// <returns>A value of no meaning; the reads are volatile so they are not removed.</returns>
    public int Touch()
    {
        var sum = OpenOrders.Touch() + OrderWindow.Touch() + MessageWindow.Touch();
        // Outside the lock: the count may run ahead of the array read (or of its first slot, which GetOrAddPosition fills after
        // counting it), so only the array itself and a non-null slot are trusted.
        var positions = Volatile.Read(ref _positions);
        if (positions.Length > 0 && Volatile.Read(ref positions[0]) is { } first)
        {
            sum += first.OpenBuyCount;
        }

        return sum;
    }

    /// <summary>Returns the combined limits for an order: the last ones when made from the same four sources at the same versions.</summary>
    public EffectiveLimits GetLimits(RiskLimits global, RiskLimits? instrument, RiskLimits? account, RiskLimits? strategy)
    {
        if (_limits is { } last
            && ReferenceEquals(instrument, _limitsInstrument) && ReferenceEquals(strategy, _limitsStrategy)
            && ReferenceEquals(account, _limitsAccount) && ReferenceEquals(global, _limitsGlobal)
            && (instrument?.Version ?? 0) == _instrumentVersion && (strategy?.Version ?? 0) == _strategyVersion
            && (account?.Version ?? 0) == _accountVersion && global.Version == _globalVersion)
        {
            return last;
        }

        // The versions are read before the limits are combined: a limit set meanwhile (its setter writes the value, then
        // bumps the version) then leaves a version that no longer matches, and the next order combines again. Read after,
        // they could pair the new version with the old value and keep it until some limit changed again.
        var globalVersion = global.Version;
        var instrumentVersion = instrument?.Version ?? 0;
        var accountVersion = account?.Version ?? 0;
        var strategyVersion = strategy?.Version ?? 0;
        Interlocked.MemoryBarrier();
        var limits = (_limitsCache ??= new EffectiveLimitsCache()).Get(global, instrument, account, strategy);
        _limits = limits;
        _limitsGlobal = global;
        _limitsInstrument = instrument;
        _limitsAccount = account;
        _limitsStrategy = strategy;
        _globalVersion = globalVersion;
        _instrumentVersion = instrumentVersion;
        _accountVersion = accountVersion;
        _strategyVersion = strategyVersion;
        return limits;
    }

    public bool TryGetPosition(InstrumentState instrument, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PositionState? position)
    {
        if (_positionIndex is not null)
        {
            return _positionIndex.TryGetValue(instrument, out position);
        }

        var positions = _positions;
        for (var k = 0; k < _positionCount; k++)
        {
            if (ReferenceEquals(positions[k].Instrument, instrument))
            {
                position = positions[k];
                return true;
            }
        }

        position = null;
        return false;
    }

    public PositionState GetOrAddPosition(InstrumentState instrument)
    {
        if (TryGetPosition(instrument, out var position))
        {
            return position;
        }

        position = new PositionState(instrument);
        if (_positionCount == _positions.Length)
        {
            Array.Resize(ref _positions, Math.Max(4, _positionCount * 2));
        }

        _positions[_positionCount++] = position;
        if (_positionIndex is not null)
        {
            _positionIndex.Add(instrument, position);
        }
        else if (_positionCount > PositionScanLimit)
        {
            _positionIndex = new Dictionary<InstrumentState, PositionState>(_positionCount * 2);
            foreach (var p in Positions)
            {
                _positionIndex.Add(p.Instrument, p);
            }
        }

        return position;
    }
}
