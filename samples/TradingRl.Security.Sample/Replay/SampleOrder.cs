namespace TradingRl.Security.Sample.Replay;

/// <summary>An order an agent sends.</summary>
public sealed record SampleOrder(long Id, string Account, string Instrument, OrderSide Side, decimal Price, long Quantity, DateTimeOffset Time);
