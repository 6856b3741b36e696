namespace TradingRl.Security.Compliance;

/// <summary>An execution reported by the venue: it moves the position and releases the order's reservation.</summary>
/// <param name="Account">The trading account.</param>
/// <param name="Instrument">The instrument symbol.</param>
/// <param name="Side">The side of the account's order.</param>
/// <param name="Quantity">The executed quantity; more than zero.</param>
/// <param name="Price">The execution price; more than zero.</param>
/// <param name="OrderId">The client order id it executes, or <see langword="null"/> for a trade with no tracked order.</param>
public readonly record struct Fill(string Account, string Instrument, OrderSide Side, decimal Quantity, decimal Price, string? OrderId = null);
