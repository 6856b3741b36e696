namespace TradingRl.Security.Sample.Security;

/// <summary>The end-of-run positions and P&amp;L, written encrypted at rest in the data directory.</summary>
public sealed record PnlSnapshot
{
    /// <summary>Gets the market time the run ended.</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>Gets the input the run replayed.</summary>
    public required string Input { get; init; }

    /// <summary>Gets one line per account.</summary>
    public required IReadOnlyList<PnlLine> Accounts { get; init; }
}
