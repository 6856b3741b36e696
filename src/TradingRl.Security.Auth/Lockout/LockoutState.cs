namespace TradingRl.Security.Auth.Lockout;

/// <summary>An account's lock: until when, and how many lockouts came before (for the growing duration).</summary>
/// <param name="LockedUntil">The end of the lock; <see cref="DateTimeOffset.MaxValue"/> until an administrator unlocks.</param>
/// <param name="Lockouts">How many times the account has been locked since its last successful sign-in.</param>
public sealed record LockoutState(DateTimeOffset LockedUntil, int Lockouts);
