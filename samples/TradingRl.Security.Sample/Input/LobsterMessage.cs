namespace TradingRl.Security.Sample.Input;

/// <summary>One row of a LOBSTER message file.</summary>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="EventType">1 add, 2 partial cancel, 3 delete, 4 visible execution, 5 hidden execution, 6 cross, 7 halt.</param>
/// <param name="OrderId">The exchange order id.</param>
/// <param name="Size">Shares affected.</param>
/// <param name="Price">The price in dollars.</param>
/// <param name="Direction">1 buy (bid), -1 sell (ask): the side of the resting order.</param>
public readonly record struct LobsterMessage(DateTimeOffset Time, int EventType, long OrderId, long Size, decimal Price, int Direction);
