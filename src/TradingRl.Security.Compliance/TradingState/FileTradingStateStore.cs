using System.Text.Json;
using System.Text.Json.Serialization;

namespace TradingRl.Security.Compliance;

/// <summary>An <see cref="ITradingStateStore"/> that keeps every record in one JSON file, <c>trading-states.json</c>, in a folder.</summary>
/// <remarks>
/// Thread-safe. Each save rewrites the file through a temporary file, flushed to disk and then renamed over the old one, so a
/// crash leaves either the old or the new file, never half of one. An unreadable file throws <see cref="InvalidDataException"/>.
/// </remarks>
public sealed class FileTradingStateStore : ITradingStateStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _sync = new();
    private readonly string _path;
    private readonly Dictionary<KillSwitchScope, TradingStateRecord> _records = [];

    /// <summary>Initializes the store and reads the file, if there is one.</summary>
    /// <param name="directory">The folder; created when missing.</param>
    /// <exception cref="InvalidDataException">The file exists but is not a valid record set.</exception>
    public FileTradingStateStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        _path = Path.Combine(Path.GetFullPath(directory), "trading-states.json");
        if (File.Exists(_path))
        {
            foreach (var r in Read(_path))
            {
                _records[r.Scope] = r;
            }
        }
    }

    /// <summary>Gets the file's full path.</summary>
    public string FilePath => _path;

    /// <inheritdoc/>
    public IReadOnlyList<TradingStateRecord> Load()
    {
        lock (_sync)
        {
            return [.. _records.Values];
        }
    }

    /// <inheritdoc/>
    /// <exception cref="IOException">The file could not be written; the record is not stored.</exception>
    public void Save(TradingStateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_sync)
        {
            var next = new Dictionary<KillSwitchScope, TradingStateRecord>(_records) { [record.Scope] = record };
            var rows = next.Values.Select(r => new Row(r.Scope.Kind, r.Scope.Id, r.State, r.KillSwitchEngaged, [.. r.EngagedBy], r.UpdatedAt)).ToArray();
            var temp = _path + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, rows, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, _path, overwrite: true);
            _records[record.Scope] = record;
        }
    }

    private static IEnumerable<TradingStateRecord> Read(string path)
    {
        Row[]? rows;
        try
        {
            rows = JsonSerializer.Deserialize<Row[]>(File.ReadAllBytes(path), Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The trading-state file '{path}' is not valid JSON; restore it from backup or remove it after checking no kill switch must stay engaged.", ex);
        }

        if (rows is null)
        {
            throw new InvalidDataException($"The trading-state file '{path}' is empty; restore it from backup or remove it after checking no kill switch must stay engaged.");
        }

        foreach (var row in rows)
        {
            if (row is null || !Enum.IsDefined(row.Kind) || !Enum.IsDefined(row.State) || row.EngagedBy is null
                || (row.Kind != KillSwitchScopeKind.Global && string.IsNullOrWhiteSpace(row.Id)))
            {
                throw new InvalidDataException($"The trading-state file '{path}' holds a malformed record; restore it from backup.");
            }

            yield return new TradingStateRecord(new KillSwitchScope(row.Kind, row.Kind == KillSwitchScopeKind.Global ? null : row.Id), row.State, row.Engaged, row.EngagedBy, row.UpdatedAt);
        }
    }

    private sealed record Row(KillSwitchScopeKind Kind, string? Id, TradingState State, bool Engaged, string[] EngagedBy, DateTimeOffset UpdatedAt);
}
