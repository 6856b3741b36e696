namespace TradingRl.Security.Compliance;

/// <summary>The prevailing market for an instrument: best bid, best ask and last trade, as of a time.</summary>
/// <param name="Bid">The best bid, when there is one.</param>
/// <param name="Ask">The best ask, when there is one.</param>
/// <param name="Last">The last trade price, when known.</param>
/// <param name="Timestamp">When the quote was observed; a quote older than the configured maximum age is stale.</param>
/// <remarks>The reference price is the mid of bid and ask when both are present, else the last trade price.</remarks>
public readonly record struct MarketQuote(decimal? Bid, decimal? Ask, decimal? Last, DateTimeOffset Timestamp)
{
    /// <summary>Gets the reference price: the mid when both touches are present, else the last trade, else <see langword="null"/>.</summary>
    public decimal? ReferencePrice => Bid is { } b && Ask is { } a ? (b + a) / 2m : Last;
}
