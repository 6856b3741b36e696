namespace TradingRl.Security.Encryption;

/// <summary>What may be shown about a data key: its id, age, state and use; never its material.</summary>
/// <param name="Id">The key id written into each ciphertext.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Status">Its state.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="MessagesReserved">How many encryptions have been reserved under it (an upper bound of those made).</param>
public sealed record DataKeyInfo(Guid Id, DateTimeOffset CreatedAt, DataKeyStatus Status, DateTimeOffset? RevokedAt, long MessagesReserved);
