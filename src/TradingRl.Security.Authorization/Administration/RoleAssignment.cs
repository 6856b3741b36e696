namespace TradingRl.Security.Authorization;

/// <summary>The roles assigned to one user, with the user's desk and a version for optimistic concurrency.</summary>
/// <param name="Subject">The user's subject id.</param>
/// <param name="Desk">The user's desk (tenant); <see langword="null"/> for a user of no desk.</param>
/// <param name="Roles">The role names, ordinal order, no duplicates.</param>
/// <param name="Version">Starts at 1 and grows by one with every change.</param>
public sealed record RoleAssignment(string Subject, string? Desk, IReadOnlyList<string> Roles, long Version);
