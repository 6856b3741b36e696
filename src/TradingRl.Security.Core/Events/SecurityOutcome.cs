namespace TradingRl.Security.Events;

/// <summary>The outcome of the action a security event records.</summary>
public enum SecurityOutcome
{
    /// <summary>The outcome is not known or does not apply.</summary>
    Unknown = 0,

    /// <summary>The action succeeded.</summary>
    Success = 1,

    /// <summary>The action failed, e.g. a wrong password.</summary>
    Failure = 2,

    /// <summary>The action was refused by a control, e.g. an authorization or risk check.</summary>
    Denied = 3,
}
