namespace TradingRl.Security.Compliance;

/// <summary>The definition of a trading account: its id, start-of-day net asset value, currency and limits.</summary>
public sealed class TradingAccount
{
    /// <summary>Initializes an account.</summary>
    /// <param name="id">The account id orders carry.</param>
    /// <param name="startOfDayNav">The net asset value at the start of the trading day; more than zero.</param>
    /// <param name="currency">The ISO 4217 currency of the NAV, e.g. <c>USD</c>.</param>
    /// <exception cref="ArgumentException">The id or currency is malformed, or the NAV is not positive.</exception>
    public TradingAccount(string id, decimal startOfDayNav, string currency = "USD")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (id.Length > SecurityPrincipal.MaxNameLength)
        {
            throw new ArgumentException($"An account id is at most {SecurityPrincipal.MaxNameLength} characters long.", nameof(id));
        }

        if (currency.Length != 3)
        {
            throw new ArgumentException("The currency must be a three-letter ISO 4217 code, e.g. USD.", nameof(currency));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(startOfDayNav, 0m);
        Id = id;
        StartOfDayNav = startOfDayNav;
        Currency = currency;
    }

    /// <summary>Gets the account id.</summary>
    public string Id { get; }

    /// <summary>Gets the start-of-day net asset value; the base of the position, daily-loss and VaR limits.</summary>
    public decimal StartOfDayNav { get; }

    /// <summary>Gets the NAV currency.</summary>
    public string Currency { get; }

    /// <summary>Gets limits for this account, tightening the global ones; <see langword="null"/> for none.</summary>
    public RiskLimits? Limits { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
