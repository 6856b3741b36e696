namespace TradingRl.Security.Incidents;

/// <summary>Keeps incidents; the embedded defaults are <see cref="InMemoryIncidentStore"/> and <see cref="FileIncidentStore"/>.</summary>
/// <remarks>
/// Saves are compare-and-set on <see cref="Incident.Version"/>, so a fleet store (PostgreSQL, Redis) can make them atomic
/// across hosts. Implementations are thread-safe.
/// </remarks>
public interface IIncidentStore
{
    /// <summary>Reads an incident.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident, or <see langword="null"/> when unknown.</returns>
    ValueTask<Incident?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Finds the most recently opened incident with a deduplication key.</summary>
    /// <param name="dedupKey">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident, or <see langword="null"/> when none has the key.</returns>
    ValueTask<Incident?> FindLatestAsync(string dedupKey, CancellationToken cancellationToken = default);

    /// <summary>Lists incidents, oldest first.</summary>
    /// <param name="openOnly">Only those neither resolved nor closed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incidents.</returns>
    ValueTask<IReadOnlyList<Incident>> ListAsync(bool openOnly, CancellationToken cancellationToken = default);

    /// <summary>Saves a new version: succeeds only when the stored version is <c>incident.Version - 1</c> (none for version 1).</summary>
    /// <param name="incident">The new version.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="false"/> when another writer saved first; nothing was written.</returns>
    /// <exception cref="IncidentStoreException">The store could not write.</exception>
    ValueTask<bool> TrySaveAsync(Incident incident, CancellationToken cancellationToken = default);
}
