namespace TradingRl.Security.Compliance;

/// <summary>The live state of one instrument: its definition, restriction flag, latest quote and the collar period's anchor price.</summary>
/// <remarks>Thread-safe: quotes are written and read under a private lock (a decimal quote cannot be swapped atomically without allocating).</remarks>
internal sealed class InstrumentState(Instrument definition)
{
    private readonly Lock _sync = new();
    private MarketQuote _quote;
    private bool _hasQuote;
    private decimal? _anchor;
    private DateTimeOffset _anchorTime;

    public Instrument Definition { get; set; } = definition;

    public bool Restricted { get; set; } = definition.Restricted;

    /// <summary>Stores a quote; an older one than the current is ignored. Starts a new collar period when the last one has run out.</summary>
    public bool Update(in MarketQuote quote, TimeSpan collarPeriod)
    {
        lock (_sync)
        {
            if (_hasQuote && quote.Timestamp < _quote.Timestamp)
            {
                return false;
            }

            _quote = quote;
            _hasQuote = true;
            var reference = quote.ReferencePrice;
            if (reference is not null && (_anchor is null || quote.Timestamp - _anchorTime >= collarPeriod))
            {
                _anchor = reference;
                _anchorTime = quote.Timestamp;
            }

            return true;
        }
    }

    public bool TryGetQuote(out MarketQuote quote, out decimal? periodAnchor)
    {
        lock (_sync)
        {
            quote = _quote;
            periodAnchor = _anchor;
            return _hasQuote;
        }
    }

    /// <summary>Returns the reference price at any age, for marking positions; <see langword="null"/> when none is known.</summary>
    public decimal? Mark()
    {
        lock (_sync)
        {
            return _hasQuote ? _quote.ReferencePrice : null;
        }
    }
}
