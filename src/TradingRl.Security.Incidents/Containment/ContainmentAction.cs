namespace TradingRl.Security.Incidents;

/// <summary>A containment step run through Core's interfaces, which another package provides.</summary>
public enum ContainmentAction
{
    /// <summary>Locks the account and revokes its sessions (<see cref="IAccountContainment"/>, from Auth).</summary>
    LockAccount = 0,

    /// <summary>Revokes the account's sessions only (<see cref="IAccountContainment"/>).</summary>
    RevokeSessions = 1,

    /// <summary>Engages the kill switch for one trading account (<see cref="IKillSwitch"/>, from Compliance).</summary>
    KillSwitchAccount = 2,

    /// <summary>Engages the kill switch for one strategy (<see cref="IKillSwitch"/>).</summary>
    KillSwitchStrategy = 3,

    /// <summary>Engages the kill switch for the whole host (<see cref="IKillSwitch"/>).</summary>
    KillSwitchGlobal = 4,
}
