namespace TradingRl.Security.Authorization;

/// <summary>Stores which roles each user holds.</summary>
/// <remarks>
/// Implementations must be thread-safe and make <see cref="TryReplaceAsync"/> atomic (a compare-and-set on the version:
/// <c>UPDATE ... WHERE version = @expected</c> in SQL, <c>WATCH</c>/<c>MULTI</c> in Redis), so concurrent changes never
/// lose an update or combine into a state no single change allowed.
/// </remarks>
public interface IRoleAssignmentStore
{
    /// <summary>Reads a user's assignment.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The assignment, or <see langword="null"/> for a user never assigned a role.</returns>
    ValueTask<RoleAssignment?> GetAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="assignment"/> if the stored version is still <paramref name="expectedVersion"/> (0: no assignment stored yet).</summary>
    /// <param name="assignment">The new assignment; its version must be <paramref name="expectedVersion"/> + 1.</param>
    /// <param name="expectedVersion">The version read before the change.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when stored; <see langword="false"/> when another change came first (read again and retry).</returns>
    ValueTask<bool> TryReplaceAsync(RoleAssignment assignment, long expectedVersion, CancellationToken cancellationToken = default);
}
