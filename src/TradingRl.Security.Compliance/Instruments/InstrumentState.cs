namespace TradingRl.Security.Compliance;

/// <summary>The live state of one instrument: its definition, restriction flag, latest quote and the collar period's anchor price.</summary>
/// <remarks>
/// Thread-safe, and one object: the definition's numbers the gate needs are copied next to the quote, so a check reads the instrument's
/// market data and grid without following a reference (the book is large enough to miss the CPU caches on every instrument).
/// The quote and those copies are guarded by a sequence lock: writers (<see cref="Update"/>, <see cref="Define"/>) serialize on
/// <c>_version</c> and make it odd while they write; readers copy and retry when the version moved, so a read never blocks a quote
/// and never sees a torn decimal or a quote of one definition mixed with the grid of another.
/// </remarks>
internal sealed class InstrumentState : KeyedState
{
    private int _version;
    private Hot _hot;

    public InstrumentState(Instrument definition)
        : base(definition.Symbol)
    {
        Restricted = definition.Restricted;
        SetDefinition(definition);
    }

    public Instrument Definition => Volatile.Read(ref _hot.Definition);

    public bool Restricted { get; set; }

    /// <summary>Replaces the definition (a redefinition keeps the quote).</summary>
    public void Define(Instrument definition)
    {
        BeginWrite();
        SetDefinition(definition);
        EndWrite();
    }

    /// <summary>Stores a quote; an older one than the current is ignored. Starts a new collar period when the last one has run out.</summary>
    public bool Update(in MarketQuote quote, TimeSpan collarPeriod)
    {
        // A mid beyond the decimal range: the quote is still stored, and every use of its reference price throws as it always did.
        decimal? reference;
        var overflow = false;
        try
        {
            reference = quote.ReferencePrice;
        }
        catch (OverflowException)
        {
            reference = null;
            overflow = true;
        }

        var ticks = quote.Timestamp.UtcTicks;
        BeginWrite();
        if (_hot.HasQuote && ticks < _hot.QuoteTicks)
        {
            EndWrite();
            return false;
        }

        _hot.Quote = quote;
        _hot.QuoteTicks = ticks;
        _hot.HasQuote = true;
        _hot.Reference = reference;
        _hot.ReferenceOverflow = overflow;
        if (reference is not null && (_hot.Anchor is null || ticks - _hot.AnchorTicks >= collarPeriod.Ticks))
        {
            _hot.Anchor = reference;
            _hot.AnchorTicks = ticks;
        }

        EndWrite();
        return overflow ? throw new OverflowException("The quote's mid price is beyond the decimal range.") : true;
    }

    /// <summary>Copies the definition's numbers, the quote and the collar anchor, consistently.</summary>
    public void Read(out Hot view)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var v = Volatile.Read(ref _version);
            if ((v & 1) == 0)
            {
                view = _hot;
                Volatile.ReadBarrier();
                if (Volatile.Read(ref _version) == v)
                {
                    return;
                }
            }

            spin.SpinOnce();
        }
    }

    public bool TryGetQuote(out MarketQuote quote, out decimal? periodAnchor)
    {
        Read(out var h);
        quote = h.Quote;
        periodAnchor = h.Anchor;
        return h.HasQuote;
    }

    /// <summary>Returns the reference price at any age, for marking positions; <see langword="null"/> when none is known.</summary>
    public decimal? Mark() => TryMark(out var mark, out _, out _) ? mark : null;

    /// <summary>Gets the reference price at any age with the contract multiplier and volatility, consistently; <see langword="false"/> when no price is known.</summary>
    public bool TryMark(out decimal mark, out decimal multiplier, out decimal? volatility)
    {
        var spin = default(SpinWait);
        while (true)
        {
            var v = Volatile.Read(ref _version);
            if ((v & 1) == 0)
            {
                var reference = _hot.Reference;
                var overflow = _hot.ReferenceOverflow;
                multiplier = _hot.Multiplier;
                volatility = _hot.DailyVolatility;
                Volatile.ReadBarrier();
                if (Volatile.Read(ref _version) == v)
                {
                    if (overflow)
                    {
                        throw new OverflowException("The quote's mid price is beyond the decimal range.");
                    }

                    mark = reference.GetValueOrDefault();
                    return reference.HasValue;
                }
            }

            spin.SpinOnce();
        }
    }

    private void SetDefinition(Instrument definition)
    {
        _hot.TickSize = definition.TickSize;
        _hot.LotSize = definition.LotSize;
        _hot.Multiplier = definition.Multiplier;
        _hot.DailyVolatility = definition.DailyVolatility;
        _hot.Currency = definition.Currency;
        _hot.Limits = definition.Limits;
        _hot.Definition = definition;
    }

    private void BeginWrite()
    {
        var spin = default(SpinWait);
        while (true)
        {
            var v = Volatile.Read(ref _version);
            if ((v & 1) == 0 && Interlocked.CompareExchange(ref _version, v + 1, v) == v)
            {
                return;
            }

            spin.SpinOnce();
        }
    }

    private void EndWrite() => Volatile.Write(ref _version, _version + 1);

    /// <summary>What a check reads of an instrument: the definition's grid and risk numbers, the latest quote and the collar anchor.</summary>
    internal struct Hot
    {
        public Instrument Definition;
        public string Currency;
        public RiskLimits? Limits;
        public decimal TickSize;
        public decimal LotSize;
        public decimal Multiplier;
        public decimal? DailyVolatility;
        public bool HasQuote;
        public long QuoteTicks;
        public decimal? Reference;
        public bool ReferenceOverflow;
        public decimal? Anchor;
        public long AnchorTicks;
        public MarketQuote Quote;

        /// <summary>Gets the quote's reference price; throws <see cref="OverflowException"/> when its mid is beyond the decimal range.</summary>
        public readonly decimal? ReferencePrice => ReferenceOverflow ? throw new OverflowException() : Reference;
    }
}
