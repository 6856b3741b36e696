using System.Collections.Concurrent;

namespace TradingRl.Security.Authorization;

/// <summary>The embedded <see cref="IRoleAssignmentStore"/>: assignments in memory, lost at restart.</summary>
/// <remarks>Thread-safe; <see cref="TryReplaceAsync"/> is an atomic compare-and-set on the version.</remarks>
public sealed class InMemoryRoleAssignmentStore : IRoleAssignmentStore
{
    private readonly ConcurrentDictionary<string, RoleAssignment> _assignments = new(StringComparer.Ordinal);

    /// <summary>Gets the number of users stored.</summary>
    public int Count => _assignments.Count;

    /// <inheritdoc/>
    public ValueTask<RoleAssignment?> GetAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_assignments.TryGetValue(subject, out var a) ? a : null);
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryReplaceAsync(RoleAssignment assignment, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        cancellationToken.ThrowIfCancellationRequested();
        if (assignment.Version != expectedVersion + 1)
        {
            throw new ArgumentException($"The new version must be the expected version plus one ({expectedVersion + 1}), not {assignment.Version}.", nameof(assignment));
        }

        if (expectedVersion == 0)
        {
            return ValueTask.FromResult(_assignments.TryAdd(assignment.Subject, assignment));
        }

        // TryUpdate compares with the instance read, so a concurrent replacement in between makes it fail.
        return ValueTask.FromResult(
            _assignments.TryGetValue(assignment.Subject, out var current) &&
            current.Version == expectedVersion &&
            _assignments.TryUpdate(assignment.Subject, assignment, current));
    }
}
