using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.Compliance;

/// <summary>The pre-trade limits at one level: global, account, strategy or instrument.</summary>
/// <remarks>
/// A <see langword="null"/> value sets nothing at this level. The limit that applies to an order is the tightest value set at any
/// of the four levels, so a per-account or per-strategy setting can tighten the global ceiling but never loosen it.
/// Every limit is inclusive: a value equal to the limit passes.
/// </remarks>
public sealed class RiskLimits
{
    private decimal? _maxOrderQuantity;
    private decimal? _maxOrderNotional;
    private decimal? _minOrderQuantity;
    private decimal? _priceCollar;
    private decimal? _periodPriceCollar;
    private int? _maxOrdersPerWindow;
    private int? _maxMessagesPerWindow;
    private int? _maxOpenOrders;
    private decimal? _maxPositionFraction;
    private decimal? _maxDailyLossFraction;
    private decimal? _maxVarFraction;
    private int _version;

    /// <summary>Gets a number that changes whenever a limit is set: the gate's cache of combined limits checks it.</summary>
    internal int Version => Volatile.Read(ref _version);

    /// <summary>Gets or sets the largest quantity of one order.</summary>
    /// <value>Seed: 1,000,000 (globally). More than zero.</value>
    [Range(typeof(decimal), "0.000000001", "79228162514264337593543950335")]
    public decimal? MaxOrderQuantity
    {
        get => _maxOrderQuantity;
        set
        {
            _maxOrderQuantity = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the largest notional of one order (quantity x price x multiplier); market orders are priced at the far touch.</summary>
    /// <value>More than zero; unset by default.</value>
    [Range(typeof(decimal), "0.000000001", "79228162514264337593543950335")]
    public decimal? MaxOrderNotional
    {
        get => _maxOrderNotional;
        set
        {
            _maxOrderNotional = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the smallest quantity of an order that does not reduce the position (orders that reduce it are exempt).</summary>
    /// <value>More than zero; unset by default.</value>
    [Range(typeof(decimal), "0.000000001", "79228162514264337593543950335")]
    public decimal? MinOrderQuantity
    {
        get => _minOrderQuantity;
        set
        {
            _minOrderQuantity = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets how far a limit price may be from the reference price, as a fraction of it (0.05 = 5 %).</summary>
    /// <value>Default 0.05 (globally); more than 0, at most 1.</value>
    [Range(typeof(decimal), "0.000000001", "1")]
    public decimal? PriceCollar
    {
        get => _priceCollar;
        set
        {
            _priceCollar = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets how far a limit price may be from the reference price at the start of the current collar period, as a fraction of it.</summary>
    /// <value>Default 0.10 (globally); more than 0, at most 1.</value>
    [Range(typeof(decimal), "0.000000001", "1")]
    public decimal? PeriodPriceCollar
    {
        get => _periodPriceCollar;
        set
        {
            _periodPriceCollar = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the most orders an account may send in the sliding order-rate window.</summary>
    /// <value>Seed: 100 per 60 s (globally); 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int? MaxOrdersPerWindow
    {
        get => _maxOrdersPerWindow;
        set
        {
            _maxOrdersPerWindow = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the most messages (orders, cancels and amendments) an account may send in the sliding message-rate window.</summary>
    /// <value>Default 300 per 60 s (globally); 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int? MaxMessagesPerWindow
    {
        get => _maxMessagesPerWindow;
        set
        {
            _maxMessagesPerWindow = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the most open (resting) orders an account may have, this order included.</summary>
    /// <value>Default 200 (globally); 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int? MaxOpenOrders
    {
        get => _maxOpenOrders;
        set
        {
            _maxOpenOrders = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the largest position value (position plus open same-side orders plus this order, at the reference price) as a fraction of start-of-day NAV.</summary>
    /// <value>Seed: 0.10 (globally); more than 0, at most 100.</value>
    [Range(typeof(decimal), "0.000000001", "100")]
    public decimal? MaxPositionFraction
    {
        get => _maxPositionFraction;
        set
        {
            _maxPositionFraction = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the largest daily loss (realised plus unrealised) as a fraction of start-of-day NAV; reaching it switches the account to reduce-only.</summary>
    /// <value>Seed: 0.05 (globally); more than 0, at most 1.</value>
    [Range(typeof(decimal), "0.000000001", "1")]
    public decimal? MaxDailyLossFraction
    {
        get => _maxDailyLossFraction;
        set
        {
            _maxDailyLossFraction = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Gets or sets the largest one-day value at risk as a fraction of start-of-day NAV.</summary>
    /// <value>Seed: 0.02 (globally); more than 0, at most 1.</value>
    [Range(typeof(decimal), "0.000000001", "1")]
    public decimal? MaxVarFraction
    {
        get => _maxVarFraction;
        set
        {
            _maxVarFraction = value;
            Interlocked.Increment(ref _version); // setters may race: no change may be lost
        }
    }

    /// <summary>Makes a copy, so later changes to this instance do not reach the copy.</summary>
    /// <returns>The copy.</returns>
    public RiskLimits Clone() => (RiskLimits)MemberwiseClone();
}
