using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using TradingRl.Security.Incidents;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>An <see cref="IIncidentStore"/> in PostgreSQL: one row per incident holding its JSON, shared by every host of a fleet.</summary>
/// <remarks>
/// Saves keep the interface's compare-and-set on <see cref="Incident.Version"/> across hosts: version 1 is
/// <c>INSERT ... ON CONFLICT DO NOTHING</c>, later versions <c>UPDATE ... WHERE version = @previous</c>; of two hosts saving the
/// same version one wins and the other gets <see langword="false"/>. Lists are in the order incidents were first saved. A server
/// outage throws <see cref="IncidentStoreException"/> whose inner exception is <see cref="PostgreSqlStoreUnavailableException"/>.
/// </remarks>
public sealed partial class PostgreSqlIncidentStore : IIncidentStore
{
    private const string Store = "incident";

    // The same JSON shape as the file store's (camel case, enums by name), so an incident reads back whole.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = JavaScriptEncoder.Default,
        MaxDepth = 32,
    };

    private readonly PostgreSqlStoreContext _context;
    private readonly string _get;
    private readonly string _latest;
    private readonly string _list;
    private readonly string _listOpen;
    private readonly string _insert;
    private readonly string _update;

    internal PostgreSqlIncidentStore(PostgreSqlStoreContext context)
    {
        _context = context;
        _get = context.Sql("SELECT document FROM {schema}.incidents WHERE id = @id");
        _latest = context.Sql("SELECT document FROM {schema}.incidents WHERE dedup_key = @k ORDER BY created_order DESC LIMIT 1");
        _list = context.Sql("SELECT document FROM {schema}.incidents ORDER BY created_order");
        _listOpen = context.Sql("SELECT document FROM {schema}.incidents WHERE is_open ORDER BY created_order");
        _insert = context.Sql("INSERT INTO {schema}.incidents (id, version, dedup_key, is_open, document) VALUES (@id, 1, @k, @open, @doc) ON CONFLICT (id) DO NOTHING");
        _update = context.Sql("UPDATE {schema}.incidents SET version = @v, is_open = @open, document = @doc WHERE id = @id AND version = @v - 1 AND dedup_key = @k");
    }

    /// <inheritdoc/>
    /// <exception cref="IncidentStoreException">The server is unavailable, or a stored row does not parse.</exception>
    public async ValueTask<Incident?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var list = await QueryAsync(_get, "id", id, "read an incident", cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc/>
    /// <exception cref="IncidentStoreException">The server is unavailable, or a stored row does not parse.</exception>
    public async ValueTask<Incident?> FindLatestAsync(string dedupKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dedupKey);
        var list = await QueryAsync(_latest, "k", dedupKey, "find an incident by key", cancellationToken).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <inheritdoc/>
    /// <exception cref="IncidentStoreException">The server is unavailable, or a stored row does not parse.</exception>
    public async ValueTask<IReadOnlyList<Incident>> ListAsync(bool openOnly, CancellationToken cancellationToken = default) =>
        await QueryAsync(openOnly ? _listOpen : _list, null, null, "list incidents", cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    /// <exception cref="IncidentStoreException">The server is unavailable; nothing was written.</exception>
    public async ValueTask<bool> TrySaveAsync(Incident incident, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(incident.Id, nameof(incident));
        if (!IncidentId().IsMatch(incident.Id))
        {
            throw new ArgumentException("An incident id has the form INC-yyyyMMdd-XXXXXXXX (eight upper-case hex digits).", nameof(incident));
        }

        if (incident.Version < 1)
        {
            return false;
        }

        var document = JsonSerializer.Serialize(incident, Json);
        try
        {
            return await _context.RunAsync(Store, "save an incident", async (c, ct) =>
            {
                await using var cmd = new NpgsqlCommand(incident.Version == 1 ? _insert : _update, c);
                cmd.Parameters.AddWithValue("id", incident.Id);
                cmd.Parameters.AddWithValue("v", incident.Version);
                cmd.Parameters.AddWithValue("k", incident.DedupKey);
                cmd.Parameters.AddWithValue("open", incident.IsOpen);
                cmd.Parameters.AddWithValue("doc", document);
                return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgreSqlStoreUnavailableException ex)
        {
            throw new IncidentStoreException(ex.Message, ex);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^INC-[0-9]{8}-[0-9A-F]{8}$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex IncidentId();

    private async ValueTask<List<Incident>> QueryAsync(string sql, string? name, string? value, string operation, CancellationToken cancellationToken)
    {
        List<string> documents;
        try
        {
            documents = await _context.RunAsync(Store, operation, async (c, ct) =>
            {
                await using var cmd = new NpgsqlCommand(sql, c);
                if (name is not null)
                {
                    cmd.Parameters.AddWithValue(name, value!);
                }

                var rows = new List<string>();
                await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    rows.Add(reader.GetString(0));
                }

                return rows;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgreSqlStoreUnavailableException ex)
        {
            throw new IncidentStoreException(ex.Message, ex);
        }

        var incidents = new List<Incident>(documents.Count);
        foreach (var d in documents)
        {
            try
            {
                incidents.Add(JsonSerializer.Deserialize<Incident>(d, Json) ?? throw new JsonException("the row holds JSON null"));
            }
            catch (JsonException ex)
            {
                throw new IncidentStoreException($"An incident row in PostgreSQL schema {_context.SchemaName} is not valid incident JSON ({ex.Message}); restore it from a backup.", ex);
            }
        }

        return incidents;
    }
}
