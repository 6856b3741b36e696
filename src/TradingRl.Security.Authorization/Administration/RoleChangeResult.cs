namespace TradingRl.Security.Authorization;

/// <summary>The outcome of a role assignment or removal, with the user's assignment afterwards.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Assignment">The user's assignment after the call; <see langword="null"/> when the user has none or the change was refused early.</param>
/// <param name="Detail">A short explanation, e.g. the exclusive-role constraint broken; never a secret.</param>
public sealed record RoleChangeResult(RoleChangeStatus Status, RoleAssignment? Assignment, string? Detail = null)
{
    /// <summary>Gets a value indicating whether the change was made or was already in place.</summary>
    public bool Succeeded => Status <= RoleChangeStatus.NotAssigned;
}
