using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>An <see cref="IAuditStore"/> in PostgreSQL: records, the signed commit of each group and exported checkpoints, in one schema.</summary>
/// <remarks>
/// <para>A group commit is one transaction: the records by binary <c>COPY</c> and the commit row, so a group is stored whole or not at
/// all and is durable when the transaction commits (the server's <c>synchronous_commit</c>; <see cref="AuditDurability"/> does not
/// apply). There is nothing to recover at open: an interrupted group was never committed.</para>
/// <para>Appends take a transaction advisory lock and check that the group follows the stored log, and sequence numbers and tree
/// sizes are primary keys, so the log can never fork. Several hosts append to one log (one schema) through
/// <see cref="AppendSharedAsync"/> (<see cref="ISharedAuditStore"/>, which <see cref="AuditTrail"/> uses): under the lock each host
/// reads and verifies what the others appended, then appends its group with a commit over the whole log. Every host signs with
/// the same key (<c>AuditTrailOptions.SigningKey</c>). Verification is the file store's: <see cref="AuditLogVerifier.VerifyAsync"/>
/// over this store.</para>
/// <para>Pruning removes the data of groups whose newest record is older than the cut-off and keeps their leaf hashes and commits.
/// A server outage throws <see cref="AuditStoreException"/> whose inner exception is <see cref="PostgreSqlStoreUnavailableException"/>;
/// the group was not acknowledged. If the connection is lost while the commit is in flight the group may be stored although the
/// append failed: through <see cref="AppendSharedAsync"/> the trail's next group folds it in; <see cref="AppendAsync"/> refuses the next
/// group (it does not follow) until the host reopens the log.</para>
/// </remarks>
public sealed class PostgreSqlAuditStore : ISharedAuditStore
{
    private const string Store = "audit";
    private const int PageSize = 4096;

    // Offset of recordedAt (UTC ticks, little-endian) in the canonical record encoding: version u8, sequence i64, recordedAt i64.
    private const int RecordedAtOffset = 9;
    private readonly PostgreSqlStoreContext _context;
    private readonly string _count;
    private readonly string _copy;
    private readonly string _insertCommit;
    private readonly string _page;
    private readonly string _saveCheckpoint;
    private readonly string _checkpoints;
    private readonly string _prune;
    private readonly (int Class, int Key) _lock;

    internal PostgreSqlAuditStore(PostgreSqlStoreContext context)
    {
        _context = context;
        _lock = context.LockKey("audit");
        _count = context.Sql("SELECT coalesce(max(tree_size), 0) FROM {schema}.audit_commits");
        _copy = context.Sql("COPY {schema}.audit_records (sequence, data, leaf_hash, recorded_at, group_end) FROM STDIN (FORMAT BINARY)");
        _insertCommit = context.Sql("INSERT INTO {schema}.audit_commits (tree_size, note) VALUES (@t, @n)");
        _page = context.Sql("""
            SELECT sequence AS k, 0 AS kind, data, leaf_hash, NULL::text AS note FROM {schema}.audit_records WHERE sequence >= @from AND sequence < @to
            UNION ALL
            SELECT tree_size - 1 AS k, 1 AS kind, NULL, NULL, note FROM {schema}.audit_commits WHERE tree_size > @from AND tree_size <= @to
            ORDER BY k, kind
            """);
        _saveCheckpoint = context.Sql("INSERT INTO {schema}.audit_checkpoints (tree_size, note) VALUES (@t, @n)");
        _checkpoints = context.Sql("SELECT note FROM {schema}.audit_checkpoints ORDER BY id");
        _prune = context.Sql("""
            UPDATE {schema}.audit_records SET data = NULL
            WHERE data IS NOT NULL AND group_end IN (
                SELECT group_end FROM {schema}.audit_records GROUP BY group_end HAVING max(recorded_at) < @cut)
            """);
    }

    /// <inheritdoc/>
    public async ValueTask<AuditStoreRecovery> OpenAsync(CancellationToken cancellationToken = default)
    {
        var count = await RunAsync("open the log", async (c, ct) => await CountAsync(c, null, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new AuditStoreRecovery(count, 0, count == 0);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The group is empty, malformed, or does not follow the stored log (another writer appended: use <see cref="AppendSharedAsync"/>).</exception>
    public async ValueTask AppendAsync(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit, CancellationToken cancellationToken = default)
    {
        var times = RecordingTimes(records, commit);
        cancellationToken.ThrowIfCancellationRequested();
        await RunAsync("append a group", async (c, ct) =>
        {
            var tx = await BeginLockedAsync(c, ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var stored = await CountAsync(c, tx, ct).ConfigureAwait(false);
                if (stored != records[0].Sequence)
                {
                    throw new ArgumentException($"The group starts at #{records[0].Sequence} but the stored log holds {stored} records: another writer appended to this log (one host writes through AppendAsync; a fleet appends through AppendSharedAsync), or a lost commit acknowledgement left the group stored; reopen the log.", nameof(records));
                }

                await WriteGroupAsync(c, tx, records, times, commit, ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return 0;
            }
        }, cancellationToken).ConfigureAwait(false);
        _context.AuditRecordsAppended.Add(records.Count);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One transaction: <c>pg_advisory_xact_lock</c> on the log, the committed entries after <paramref name="knownTreeSize"/>, then the
    /// group <paramref name="buildGroup"/> returns (binary <c>COPY</c> and the commit row) and <c>COMMIT</c>. Writers on other hosts wait
    /// for the lock, so the log never forks; the primary keys stay the last line of defence.
    /// </remarks>
    public async ValueTask AppendSharedAsync(long knownTreeSize, Func<IReadOnlyList<AuditStoreEntry>, AuditStoreGroup?> buildGroup, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(knownTreeSize);
        ArgumentNullException.ThrowIfNull(buildGroup);
        cancellationToken.ThrowIfCancellationRequested();
        var appended = await RunAsync("append a group", async (c, ct) =>
        {
            var tx = await BeginLockedAsync(c, ct).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                var stored = await CountAsync(c, tx, ct).ConfigureAwait(false);
                if (stored < knownTreeSize)
                {
                    throw new AuditLogTamperedException(
                        $"This host knows {knownTreeSize} committed records of the shared audit log but the store now holds {stored}: acknowledged records were removed.") { FirstBadSequence = stored };
                }

                var foreign = stored == knownTreeSize ? [] : await ReadPageAsync(c, tx, knownTreeSize, stored, ct).ConfigureAwait(false);
                var group = buildGroup(foreign);
                if (group is null)
                {
                    await tx.CommitAsync(ct).ConfigureAwait(false);
                    return 0;
                }

                var times = RecordingTimes(group.Records, group.Commit);
                if (group.Records[0].Sequence != stored)
                {
                    throw new ArgumentException($"The group starts at #{group.Records[0].Sequence} but the stored log holds {stored} records: fold the foreign entries first.", nameof(buildGroup));
                }

                await WriteGroupAsync(c, tx, group.Records, times, group.Commit, ct).ConfigureAwait(false);
                await tx.CommitAsync(ct).ConfigureAwait(false);
                return group.Records.Count;
            }
        }, cancellationToken).ConfigureAwait(false);
        _context.AuditRecordsAppended.Add(appended);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditStoreEntry> ReadAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        var end = await RunAsync("read the log", async (c, ct) => await CountAsync(c, null, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        for (var from = fromSequence; from < end; from += PageSize)
        {
            var to = Math.Min(end, from + PageSize);
            var page = await RunAsync("read the log", (c, ct) => ReadPageAsync(c, null, from, to, ct), cancellationToken).ConfigureAwait(false);
            foreach (var e in page)
            {
                yield return e;
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask SaveCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        var note = checkpoint.ToNote();
        await RunAsync("save a checkpoint", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_saveCheckpoint, c);
            cmd.Parameters.AddWithValue("t", checkpoint.TreeSize);
            cmd.Parameters.AddWithValue("n", note);
            return await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="AuditLogTamperedException">A stored checkpoint does not parse.</exception>
    public async ValueTask<IReadOnlyList<SignedCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        var notes = await RunAsync("read checkpoints", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_checkpoints, c);
            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<string>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(reader.GetString(0));
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
        return [.. notes.Select(n => Parse(n, "checkpoint"))];
    }

    /// <inheritdoc/>
    /// <remarks>A group here is what a segment is to the file store: its data goes once its newest record is older than the cut-off.</remarks>
    public ValueTask<long> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default) =>
        RunAsync("prune the log", async (c, ct) =>
        {
            await using var cmd = new NpgsqlCommand(_prune, c);
            cmd.Parameters.AddWithValue("cut", recordedBefore.ToUniversalTime());
            return (long)await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>The connections belong to the shared data source, which the service provider disposes.</remarks>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static SignedCheckpoint Parse(string note, string what)
    {
        try
        {
            return SignedCheckpoint.Parse(note);
        }
        catch (FormatException ex)
        {
            throw new AuditLogTamperedException($"A stored audit {what} does not parse ({ex.Message}): the table was edited.", ex);
        }
    }

    /// <summary>Checks a group and reads each record's recording time (for retention) from its encoding.</summary>
    private static DateTime[] RecordingTimes(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(commit);
        if (records.Count == 0 || commit.TreeSize != records[0].Sequence + records.Count)
        {
            throw new ArgumentException("A group holds at least one record and its commit covers exactly the records stored so far plus the group.", nameof(records));
        }

        var times = new DateTime[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Commit is not null || r.Sequence != records[0].Sequence + i || r.Data.Length < RecordedAtOffset + sizeof(long) || r.LeafHash.Length != MerkleHash.Size)
            {
                throw new ArgumentException("Group records must be non-empty encoded records, carry a 32-byte leaf hash and follow each other densely.", nameof(records));
            }

            var ticks = BinaryPrimitives.ReadInt64LittleEndian(r.Data.Span.Slice(RecordedAtOffset, sizeof(long)));
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                throw new ArgumentException($"Record #{r.Sequence} does not carry a valid recording time.", nameof(records));
            }

            times[i] = new DateTime(ticks, DateTimeKind.Utc);
        }

        return times;
    }

    private async ValueTask<NpgsqlTransaction> BeginLockedAsync(NpgsqlConnection c, CancellationToken ct)
    {
        var tx = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
        try
        {
            await using var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@c, @k)", c, tx);
            lockCmd.Parameters.AddWithValue("c", _lock.Class);
            lockCmd.Parameters.AddWithValue("k", _lock.Key);
            await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return tx;
        }
        catch
        {
            await tx.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async ValueTask WriteGroupAsync(NpgsqlConnection c, NpgsqlTransaction tx, IReadOnlyList<AuditStoreEntry> records, DateTime[] times, SignedCheckpoint commit, CancellationToken ct)
    {
        var import = await c.BeginBinaryImportAsync(_copy, ct).ConfigureAwait(false);
        await using (import.ConfigureAwait(false))
        {
            for (var i = 0; i < records.Count; i++)
            {
                var r = records[i];
                await import.StartRowAsync(ct).ConfigureAwait(false);
                await import.WriteAsync(r.Sequence, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
                await import.WriteAsync(r.Data, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                await import.WriteAsync(r.LeafHash, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
                await import.WriteAsync(times[i], NpgsqlDbType.TimestampTz, ct).ConfigureAwait(false);
                await import.WriteAsync(commit.TreeSize, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
            }

            await import.CompleteAsync(ct).ConfigureAwait(false);
        }

        await using var insert = new NpgsqlCommand(_insertCommit, c, tx);
        insert.Parameters.AddWithValue("t", commit.TreeSize);
        insert.Parameters.AddWithValue("n", commit.ToNote());
        await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask<long> CountAsync(NpgsqlConnection c, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(_count, c, tx);
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    private async ValueTask<List<AuditStoreEntry>> ReadPageAsync(NpgsqlConnection c, NpgsqlTransaction? tx, long from, long to, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(_page, c, tx);
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var list = new List<AuditStoreEntry>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(reader.GetInt32(1) == 1
                ? new AuditStoreEntry(Parse(reader.GetString(4), "commit"))
                : new AuditStoreEntry(reader.GetInt64(0), reader.IsDBNull(2) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3)));
        }

        return list;
    }

    private async ValueTask<T> RunAsync<T>(string operation, Func<NpgsqlConnection, CancellationToken, ValueTask<T>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await _context.RunAsync(Store, operation, body, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgreSqlStoreUnavailableException ex)
        {
            throw new AuditStoreException(ex.Message + " The group was not acknowledged and is not in the log.", ex);
        }
    }
}
