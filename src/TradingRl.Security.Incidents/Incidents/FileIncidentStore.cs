using System.Text.Json;

namespace TradingRl.Security.Incidents;

/// <summary>An <see cref="IIncidentStore"/> that keeps one JSON file per incident under a directory, written atomically.</summary>
/// <remarks>
/// Thread-safe within one process. Each save writes a temporary file, flushes it to disk and renames it over the old one,
/// so a crash leaves the old or the new version, never half of one. The directory is read once, on first use; a file that
/// does not parse stops the store with <see cref="IncidentStoreException"/> naming it. One process per directory: two
/// processes writing the same directory are not coordinated (use a fleet store for that).
/// </remarks>
public sealed class FileIncidentStore : IIncidentStore, IDisposable
{
    private const string Extension = ".json";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly InMemoryIncidentStore _cache = new();
    private volatile bool _loaded;

    /// <summary>Initializes a store under a directory, creating it when missing.</summary>
    /// <param name="directory">The data directory.</param>
    /// <exception cref="ArgumentException">The directory is empty.</exception>
    /// <exception cref="IncidentStoreException">The directory cannot be created.</exception>
    public FileIncidentStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IncidentStoreException($"The incident directory '{Directory}' cannot be created: {ex.Message}", ex);
        }
    }

    /// <summary>Gets the full path of the data directory.</summary>
    public string Directory { get; }

    /// <inheritdoc/>
    public async ValueTask<Incident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return await _cache.GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<Incident?> FindLatestAsync(string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dedupKey);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return await _cache.FindLatestAsync(dedupKey, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<Incident>> ListAsync(bool openOnly, CancellationToken cancellationToken = default)
    {
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return await _cache.ListAsync(openOnly, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<bool> TrySaveAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        IncidentIds.ThrowIfInvalid(incident.Id);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = await _cache.GetAsync(incident.Id, cancellationToken).ConfigureAwait(false);
            if (incident.Version != (current?.Version ?? 0) + 1)
            {
                return false;
            }

            await WriteAtomicallyAsync(incident, cancellationToken).ConfigureAwait(false);
            return await _cache.TrySaveAsync(incident, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private async Task WriteAtomicallyAsync(Incident incident, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Directory, incident.Id + Extension);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await JsonSerializer.SerializeAsync(stream, incident, IncidentJson.Options, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IncidentStoreException($"Incident {incident.Id} could not be written to '{Directory}': {ex.Message}", ex);
        }
        catch (OperationCanceledException)
        {
            TryDelete(temp);
            throw;
        }
    }

    private async ValueTask EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded)
            {
                return;
            }

            var incidents = new List<Incident>();
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "INC-*" + Extension))
            {
                incidents.Add(await ReadAsync(file, cancellationToken).ConfigureAwait(false));
            }

            foreach (var incident in incidents.OrderBy(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal))
            {
                _cache.Load(incident);
            }

            _loaded = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<Incident> ReadAsync(string file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        try
        {
            var stream = File.OpenRead(file);
            await using (stream.ConfigureAwait(false))
            {
                var incident = await JsonSerializer.DeserializeAsync<Incident>(stream, IncidentJson.Options, cancellationToken).ConfigureAwait(false);
                if (incident is null || !string.Equals(incident.Id, name, StringComparison.Ordinal) || incident.Version < 1)
                {
                    throw new IncidentStoreException($"The incident file '{file}' does not hold incident {name}; restore it from a backup or move it away.");
                }

                return incident;
            }
        }
        catch (JsonException ex)
        {
            throw new IncidentStoreException($"The incident file '{file}' is not valid incident JSON ({ex.Message}); restore it from a backup or move it away.", ex);
        }
        catch (Exception ex) when (ex is IOException and not IncidentStoreException or UnauthorizedAccessException)
        {
            throw new IncidentStoreException($"The incident file '{file}' could not be read: {ex.Message}", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temporary file is ignored on load (it does not match INC-*.json).
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
