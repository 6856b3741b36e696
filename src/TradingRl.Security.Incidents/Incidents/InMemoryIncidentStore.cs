namespace TradingRl.Security.Incidents;

/// <summary>The embedded, per-process <see cref="IIncidentStore"/>; incidents are lost when the process ends.</summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryIncidentStore : IIncidentStore
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Incident> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _latestByKey = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <inheritdoc/>
    public ValueTask<Incident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        lock (_sync)
        {
            return ValueTask.FromResult(_byId.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc/>
    public ValueTask<Incident?> FindLatestAsync(string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dedupKey);
        lock (_sync)
        {
            return ValueTask.FromResult(_latestByKey.TryGetValue(dedupKey, out var id) ? _byId[id] : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<Incident>> ListAsync(bool openOnly, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            IReadOnlyList<Incident> list = [.. _order.Select(id => _byId[id]).Where(i => !openOnly || i.IsOpen)];
            return ValueTask.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> TrySaveAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        IncidentIds.ThrowIfInvalid(incident.Id);
        lock (_sync)
        {
            var current = _byId.TryGetValue(incident.Id, out var existing) ? existing.Version : 0;
            if (incident.Version != current + 1)
            {
                return ValueTask.FromResult(false);
            }

            if (existing is null)
            {
                _order.Add(incident.Id);
                _latestByKey[incident.DedupKey] = incident.Id;
            }

            _byId[incident.Id] = incident;
            return ValueTask.FromResult(true);
        }
    }

    /// <summary>Puts an incident read from disk into the cache as it is, version included.</summary>
    internal void Load(Incident incident)
    {
        lock (_sync)
        {
            if (!_byId.ContainsKey(incident.Id))
            {
                _order.Add(incident.Id);
            }

            _byId[incident.Id] = incident;
            _latestByKey[incident.DedupKey] = incident.Id;
        }
    }
}
