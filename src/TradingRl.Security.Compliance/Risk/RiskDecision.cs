namespace TradingRl.Security.Compliance;

/// <summary>The outcome of one pre-trade check: allowed, or denied with a reason and the numbers that decided it.</summary>
/// <remarks>A value type: returning it allocates nothing.</remarks>
public readonly record struct RiskDecision
{
    private RiskDecision(RiskReason reason, decimal observed, decimal limit)
    {
        Reason = reason;
        Observed = observed;
        Limit = limit;
    }

    /// <summary>Gets the decision that allows.</summary>
    public static RiskDecision Allowed => default;

    /// <summary>Gets a value indicating whether the order, cancel or amendment may be sent.</summary>
    public bool IsAllowed => Reason == RiskReason.None;

    /// <summary>Gets the reason code: <see cref="RiskReason.None"/> when allowed.</summary>
    public RiskReason Reason { get; }

    /// <summary>Gets the value the control measured (a quantity, notional, price deviation, count or fraction), when it has one.</summary>
    public decimal Observed { get; }

    /// <summary>Gets the limit it was compared with, when it has one.</summary>
    public decimal Limit { get; }

    /// <summary>Makes a denial.</summary>
    /// <param name="reason">The reason; not <see cref="RiskReason.None"/>.</param>
    /// <param name="observed">The measured value.</param>
    /// <param name="limit">The limit.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The reason is <see cref="RiskReason.None"/> or unknown.</exception>
    public static RiskDecision Deny(RiskReason reason, decimal observed = 0m, decimal limit = 0m)
    {
        if (reason == RiskReason.None || !Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "A denial needs a reason other than None.");
        }

        return new(reason, observed, limit);
    }

    /// <inheritdoc/>
    public override string ToString() => IsAllowed ? "Allowed" : $"Denied({Reason}, observed {Observed}, limit {Limit})";
}
