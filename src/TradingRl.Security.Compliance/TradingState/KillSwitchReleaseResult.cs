namespace TradingRl.Security.Compliance;

/// <summary>The outcome of an attempt to release the kill switch.</summary>
public enum KillSwitchReleaseResult
{
    /// <summary>Released: the releaser holds the permission and did not engage it.</summary>
    Released = 0,

    /// <summary>Nothing to release: the kill switch is not engaged for that scope.</summary>
    NotEngaged = 1,

    /// <summary>Refused: the releaser lacks the kill-switch permission.</summary>
    MissingPermission = 2,

    /// <summary>Refused: the releaser engaged it; a different person must release it (MiFID II RTS 6 Art. 15(3), four eyes).</summary>
    SelfReleaseRefused = 3,
}
