using Npgsql;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>An <see cref="IKeyRingStore"/> in PostgreSQL: one row holding the sealed ring document, shared by every host of a fleet.</summary>
/// <remarks>
/// <see cref="TryReplace"/> is one <c>UPDATE ... WHERE document = @expected</c> (or, for the first ring, <c>INSERT ... ON CONFLICT DO
/// NOTHING</c>): PostgreSQL's row lock serializes concurrent writers and the loser's condition no longer matches, so of two hosts
/// rotating at once one writes and the other reloads the ring (<see cref="KeyRing"/> then keeps the winner's key). The ring is sealed
/// and its keys wrapped by the key-encryption key, which every host must share (e.g. <c>Encryption:MasterKey</c> from a secret store);
/// the database never sees key material in the clear. A server outage throws <see cref="KeyRingException"/>
/// (<see cref="KeyRingFailureReason.StorageFailed"/>) whose inner exception is <see cref="PostgreSqlStoreUnavailableException"/>.
/// </remarks>
public sealed class PostgreSqlKeyRingStore : IKeyRingStore
{
    private const string Store = "key-ring";
    private readonly PostgreSqlStoreContext _context;
    private readonly string _exists;
    private readonly string _read;
    private readonly string _write;
    private readonly string _insert;
    private readonly string _replace;

    internal PostgreSqlKeyRingStore(PostgreSqlStoreContext context)
    {
        _context = context;
        Location = $"PostgreSQL schema {context.SchemaName}, table key_ring";
        _exists = context.Sql("SELECT EXISTS (SELECT 1 FROM {schema}.key_ring)");
        _read = context.Sql("SELECT document FROM {schema}.key_ring WHERE id = 1");
        _write = context.Sql("INSERT INTO {schema}.key_ring (id, version, document) VALUES (1, 1, @doc) ON CONFLICT (id) DO UPDATE SET document = excluded.document, version = {schema}.key_ring.version + 1, updated_at = now()");
        _insert = context.Sql("INSERT INTO {schema}.key_ring (id, version, document) VALUES (1, 1, @doc) ON CONFLICT (id) DO NOTHING");
        _replace = context.Sql("UPDATE {schema}.key_ring SET document = @doc, version = version + 1, updated_at = now() WHERE id = 1 AND document = @expected");
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <inheritdoc/>
    /// <exception cref="KeyRingException">The server is unavailable.</exception>
    public bool IsEmpty() => Run("check for a ring", c =>
    {
        using var cmd = new NpgsqlCommand(_exists, c);
        return !(bool)cmd.ExecuteScalar()!;
    });

    /// <inheritdoc/>
    public byte[]? Read() => Run("read the ring", c =>
    {
        using var cmd = new NpgsqlCommand(_read, c);
        return cmd.ExecuteScalar() as byte[];
    });

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> document)
    {
        var copy = document.ToArray();
        Run("write the ring", c =>
        {
            using var cmd = new NpgsqlCommand(_write, c);
            cmd.Parameters.AddWithValue("doc", copy);
            return cmd.ExecuteNonQuery();
        });
    }

    /// <inheritdoc/>
    /// <remarks>One statement: PostgreSQL's row lock makes it a compare-and-swap across hosts.</remarks>
    public bool TryReplace(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> document)
    {
        var copy = document.ToArray();
        var previous = expected.IsEmpty ? null : expected.ToArray();
        return Run("replace the ring", c =>
        {
            using var cmd = new NpgsqlCommand(previous is null ? _insert : _replace, c);
            cmd.Parameters.AddWithValue("doc", copy);
            if (previous is not null)
            {
                cmd.Parameters.AddWithValue("expected", previous);
            }

            return cmd.ExecuteNonQuery() == 1;
        });
    }

    private T Run<T>(string operation, Func<NpgsqlConnection, T> body)
    {
        try
        {
            return _context.Run(Store, operation, body);
        }
        catch (PostgreSqlStoreUnavailableException ex)
        {
            throw new KeyRingException(KeyRingFailureReason.StorageFailed, ex.Message, ex);
        }
    }
}
