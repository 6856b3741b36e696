namespace TradingRl.Security.Compliance;

/// <summary>The static definition of a tradable instrument: its price and quantity grid, currency and risk parameters.</summary>
/// <remarks>Immutable. Every price the gate accepts is a whole multiple of <see cref="TickSize"/>, every quantity a whole multiple of <see cref="LotSize"/>.</remarks>
public sealed class Instrument
{
    /// <summary>The longest symbol or currency code accepted.</summary>
    public const int MaxSymbolLength = 64;

    /// <summary>Initializes an instrument.</summary>
    /// <param name="symbol">The symbol (or ISIN) orders use.</param>
    /// <param name="currency">The ISO 4217 currency its prices are quoted in, e.g. <c>USD</c>.</param>
    /// <param name="tickSize">The smallest price increment; more than zero.</param>
    /// <param name="lotSize">The smallest quantity increment; more than zero.</param>
    /// <exception cref="ArgumentException">The symbol or currency is empty or too long, or a size is not positive.</exception>
    public Instrument(string symbol, string currency, decimal tickSize, decimal lotSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (symbol.Length > MaxSymbolLength)
        {
            throw new ArgumentException($"An instrument symbol is at most {MaxSymbolLength} characters long.", nameof(symbol));
        }

        if (currency.Length != 3)
        {
            throw new ArgumentException("The currency must be a three-letter ISO 4217 code, e.g. USD.", nameof(currency));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(tickSize, 0m);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lotSize, 0m);
        Symbol = symbol;
        Currency = currency;
        TickSize = tickSize;
        LotSize = lotSize;
    }

    /// <summary>Gets the symbol.</summary>
    public string Symbol { get; }

    /// <summary>Gets the quote currency.</summary>
    public string Currency { get; }

    /// <summary>Gets the smallest price increment.</summary>
    public decimal TickSize { get; }

    /// <summary>Gets the smallest quantity increment.</summary>
    public decimal LotSize { get; }

    /// <summary>Gets the contract multiplier: the money value of one unit of quantity at a price of one.</summary>
    /// <value>Default 1 (shares); more than zero.</value>
    public decimal Multiplier
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, 0m, nameof(Multiplier));
            field = value;
        }
    } = 1m;

    /// <summary>Gets the one-day standard deviation of the instrument's return, as a fraction (0.02 = 2 %), used by the VaR limit.</summary>
    /// <value>Default <see langword="null"/>: unknown, so an order in this instrument is denied while a VaR limit is set (fail closed). 0 to 10.</value>
    public decimal? DailyVolatility
    {
        get;
        init
        {
            if (value is < 0m or > 10m)
            {
                throw new ArgumentOutOfRangeException(nameof(DailyVolatility), value, "A daily volatility is a fraction from 0 to 10.");
            }

            field = value;
        }
    }

    /// <summary>Gets a value indicating whether the instrument is on the restricted list from the start.</summary>
    public bool Restricted { get; init; }

    /// <summary>Gets limits that apply to orders in this instrument, tightening the global ones; <see langword="null"/> for none.</summary>
    public RiskLimits? Limits { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Symbol;
}
