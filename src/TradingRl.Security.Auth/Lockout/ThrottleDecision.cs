namespace TradingRl.Security.Auth.Lockout;

/// <summary>Whether a sign-in attempt may proceed.</summary>
/// <param name="Allowed">Whether the attempt may proceed.</param>
/// <param name="LockedUntil">When refused because the account is locked, until when.</param>
/// <param name="AddressThrottled">Whether refused because the source address failed too often.</param>
public readonly record struct ThrottleDecision(bool Allowed, DateTimeOffset? LockedUntil, bool AddressThrottled);
