using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>The tamper-evident audit trail: an append-only log of security events and compliance records in an RFC 9162 Merkle tree, with signed commits, checkpoints and proofs.</summary>
/// <remarks>
/// <para>Appends go through one bounded queue to one writer, which takes every waiting append as one group: dense sequence numbers,
/// one write, one flush and one Ed25519-signed commit per group (group commit). An append completes only once its group is durable.
/// A full queue makes appenders wait (back-pressure). Event ids seen within <see cref="AuditTrailOptions.DeduplicationWindow"/> are recorded once.</para>
/// <para>Thread-safe. Opens (and recovers) the store on first use or when the host starts.</para>
/// </remarks>
public sealed partial class AuditTrail : IAsyncDisposable
{
    private const string PurposePrefix = "tradingrl.audit.subject/";

    // Offset of the event id (16 bytes, big-endian) in the canonical record encoding.
    private const int RecordIdOffset = 18;
    private readonly IAuditStore _store;
    private readonly AuditTrailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ISecretProtector? _protector;
    private readonly Channel<Pending> _queue;
    private readonly SemaphoreSlim _openGate = new(1, 1);
    private readonly object _treeGate = new();
    private readonly MerkleTree _tree = new();
    private readonly Dictionary<Guid, long> _recentIds = [];
    private readonly Queue<Guid> _recentOrder = new();

    // The writer loop's scratch, reused by every group (only the single writer touches them).
    private const int RetainedScratch = 4 * 1024 * 1024;
    private GroupBuffer _encoded = new(64 * 1024);
    private readonly List<int> _ends = [];
    private int _expectedAppenders;
    private long _lastWriteTicks;

    // The commit delay's cap: 0.2 ms (see GatherAppenders).
    private static readonly long MaxGatherTicks = Stopwatch.Frequency / 5_000;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _appended;
    private readonly Histogram<long> _groupSizes;
    private AuditSigningKey? _key;
    private Task? _writer;
    private volatile bool _opened;
    private long _committed;
    private SignedCheckpoint? _latestCommit;
    private long _lastCheckpointSize = -1;

    /// <summary>Initializes the audit trail.</summary>
    /// <param name="store">The store.</param>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock; the system clock when omitted.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="protector">Encrypts <see cref="AuditTrailOptions.ProtectedProperties"/>; required when that set is not empty.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private meter when omitted.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, or protected properties are set without an <see cref="ISecretProtector"/>.</exception>
    public AuditTrail(
        IAuditStore store,
        IOptions<AuditTrailOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<AuditTrail>? logger = null,
        ISecretProtector? protector = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var validation = new AuditTrailOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(AuditTrailOptions), typeof(AuditTrailOptions), validation.Failures);
        }

        if (_options.ProtectedProperties.Count > 0 && protector is null)
        {
            throw new OptionsValidationException(nameof(AuditTrailOptions), typeof(AuditTrailOptions),
                ["AuditTrailOptions.ProtectedProperties is set but no ISecretProtector is registered: classified values would be stored in the clear. Call AddEncryption() on the builder."]);
        }

        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _protector = protector;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _appended = _meter.CreateCounter<long>("tradingrl.security.audit.records", "{record}", "Records durably appended to the audit trail.");
        _groupSizes = _meter.CreateHistogram<long>("tradingrl.security.audit.group_size", "{record}", "Records per group commit of the audit trail.");
    }

    /// <summary>Gets the number of durable records (the current tree size).</summary>
    public long Count => Interlocked.Read(ref _committed);

    /// <summary>Gets the signed tree head of the latest group commit, or <see langword="null"/> while the log is empty.</summary>
    public SignedCheckpoint? LatestCommit => Volatile.Read(ref _latestCommit);

    /// <summary>Gets the log's 32-byte Ed25519 public key; opens the log first.</summary>
    /// <exception cref="InvalidOperationException">The log is not open yet (call <see cref="OpenAsync"/>).</exception>
    public ReadOnlyMemory<byte> PublicKey => (_key ?? throw NotOpen()).PublicKey;

    /// <summary>Gets the log's public key as a C2SP verifier key (<c>name+keyid+base64</c>), to hand to a witness or auditor.</summary>
    /// <exception cref="InvalidOperationException">The log is not open yet (call <see cref="OpenAsync"/>).</exception>
    public string VerifierKey => (_key ?? throw NotOpen()).VerifierKey;

    /// <summary>Opens the log: loads or creates the signing key, recovers the store and rebuilds the tree. Safe to call again.</summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>A task that completes once the log is ready.</returns>
    /// <exception cref="AuditSigningKeyException">The signing key is missing while a log exists, or unsafe.</exception>
    /// <exception cref="AuditLogTamperedException">The stored log contradicts its signed commits or checkpoints.</exception>
    /// <exception cref="AuditStoreException">The store cannot be opened (e.g. another process holds it).</exception>
    public async Task OpenAsync(CancellationToken cancellationToken = default)
    {
        if (_opened)
        {
            return;
        }

        await _openGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_opened)
            {
                return;
            }

            await OpenCoreAsync(cancellationToken).ConfigureAwait(false);
            _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
            _opened = true;
        }
        finally
        {
            _openGate.Release();
        }
    }

    /// <summary>Appends one record (a compliance record or any security event) and waits until it is durable.</summary>
    /// <param name="record">The record; its id deduplicates repeats.</param>
    /// <param name="cancellationToken">Cancels the wait for room in the queue; once queued, the append completes.</param>
    /// <returns>The sequence number and time.</returns>
    /// <exception cref="AuditStoreException">The group could not be written; the record is not in the log.</exception>
    /// <exception cref="ObjectDisposedException">The trail was disposed.</exception>
    public async ValueTask<AuditAppendResult> AppendAsync(SecurityEvent record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var pending = new Pending(new[] { record }, AuditRecordOrigin.Direct);
        await EnqueueAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Appends several records as one unit (they share a group commit) and waits until they are durable.</summary>
    /// <param name="records">The records, in order; copied before the call returns.</param>
    /// <param name="cancellationToken">Cancels the wait for room in the queue.</param>
    /// <returns>The result of the first record; the others follow it densely, except repeats.</returns>
    /// <exception cref="AuditStoreException">The group could not be written; none of the records is in the log.</exception>
    public ValueTask<AuditAppendResult> AppendRangeAsync(ReadOnlyMemory<SecurityEvent> records, CancellationToken cancellationToken = default) =>
        AppendRangeCoreAsync(records, AuditRecordOrigin.Direct, cancellationToken);

    /// <summary>On a log shared by several hosts (<see cref="ISharedAuditStore"/>), folds the records the other hosts appended into this host's tree, so <see cref="Count"/>, proofs and checkpoints cover them.</summary>
    /// <param name="cancellationToken">Cancels the wait for room in the queue.</param>
    /// <returns>The durable size this host now knows (<see cref="Count"/>); a single-writer store returns it without reading.</returns>
    /// <exception cref="AuditStoreException">The store cannot be read, or the other hosts' records do not verify (inner <see cref="AuditLogTamperedException"/>).</exception>
    /// <remarks>Appends fold foreign records in too; call this before proving or checkpointing on a host that has not appended lately.</remarks>
    public async ValueTask<long> SynchronizeAsync(CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (_store is ISharedAuditStore)
        {
            var pending = new Pending([], AuditRecordOrigin.Direct);
            await EnqueueAsync(pending, cancellationToken).ConfigureAwait(false);
            await pending.Completion.Task.ConfigureAwait(false);
        }

        return Count;
    }

    /// <summary>Signs a checkpoint over every durable record now and saves it (on demand; the host also signs on a schedule).</summary>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The checkpoint, to export to a witness with <see cref="SignedCheckpoint.ToNote"/>.</returns>
    /// <remarks>On a shared log it first folds in the other hosts' records (<see cref="SynchronizeAsync"/>), so it covers the whole log.</remarks>
    public async ValueTask<SignedCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        await SynchronizeAsync(cancellationToken).ConfigureAwait(false);
        SignedCheckpoint checkpoint;
        lock (_treeGate)
        {
            var size = _committed;
            checkpoint = _key!.Sign(_options.Origin, size, _tree.Root(size), _time.GetUtcNow());
        }

        await _store.SaveCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _lastCheckpointSize, checkpoint.TreeSize);
        Log.CheckpointSigned(_logger, checkpoint.TreeSize);
        return checkpoint;
    }

    /// <summary>Returns the root hash of the first <paramref name="treeSize"/> records.</summary>
    /// <param name="treeSize">A tree size from 0 to <see cref="Count"/>.</param>
    /// <returns>The 32-byte root.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is beyond the durable log.</exception>
    public byte[] GetRootHash(long treeSize)
    {
        ThrowIfNotOpen();
        lock (_treeGate)
        {
            CheckSize(treeSize, 0);
            return _tree.Root(treeSize);
        }
    }

    /// <summary>Returns the leaf hash of a record.</summary>
    /// <param name="sequence">The sequence number.</param>
    /// <returns>The 32-byte leaf hash.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No such durable record.</exception>
    public byte[] GetLeafHash(long sequence)
    {
        ThrowIfNotOpen();
        lock (_treeGate)
        {
            CheckSequence(sequence);
            return _tree.LeafHash(sequence);
        }
    }

    /// <summary>Proves that a record is in the log at a tree size that contains it (any size, including older ones).</summary>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="treeSize">The tree size; the current size when omitted.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The record or the size does not exist, or the size does not contain the record.</exception>
    public InclusionProof GetInclusionProof(long sequence, long? treeSize = null)
    {
        ThrowIfNotOpen();
        lock (_treeGate)
        {
            var size = treeSize ?? _committed;
            CheckSize(size, 1);
            if (sequence < 0 || sequence >= size)
            {
                throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Record #{sequence} is not in the tree of size {size}.");
            }

            return new InclusionProof(sequence, size, _tree.LeafHash(sequence), _tree.Root(size), _tree.InclusionProof(sequence, size));
        }
    }

    /// <summary>Proves that the log at <paramref name="size2"/> extends the log at <paramref name="size1"/> unchanged.</summary>
    /// <param name="size1">The older size, at least 1.</param>
    /// <param name="size2">The newer size, at most <see cref="Count"/>.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (size 0 proves nothing and is refused).</exception>
    public ConsistencyProof GetConsistencyProof(long size1, long size2)
    {
        ThrowIfNotOpen();
        lock (_treeGate)
        {
            CheckSize(size2, 1);
            if (size1 < 1 || size1 > size2)
            {
                throw new ArgumentOutOfRangeException(nameof(size1), size1, $"The older size must be between 1 and {size2}.");
            }

            return new ConsistencyProof(size1, size2, _tree.Root(size1), _tree.Root(size2), _tree.ConsistencyProof(size1, size2));
        }
    }

    /// <summary>Reads one record.</summary>
    /// <param name="sequence">The sequence number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> when it does not exist or its data was pruned by retention.</returns>
    public async ValueTask<AuditRecord?> ReadAsync(long sequence, CancellationToken cancellationToken = default)
    {
        await foreach (var r in QueryAsync(new AuditQuery { FromSequence = sequence, Limit = 1 }, cancellationToken).ConfigureAwait(false))
        {
            return r.Sequence == sequence ? r : null;
        }

        return null;
    }

    /// <summary>Finds records by time range, actor, event type and correlation id, in sequence order.</summary>
    /// <param name="query">The criteria.</param>
    /// <param name="cancellationToken">Stops the search.</param>
    /// <returns>The matching records (scans the log from <see cref="AuditQuery.FromSequence"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The limit or first sequence is out of range.</exception>
    public async IAsyncEnumerable<AuditRecord> QueryAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.FromSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, 1_000_000);
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        var limit = Count;
        var found = 0;
        await foreach (var e in _store.ReadAsync(query.FromSequence, cancellationToken).ConfigureAwait(false))
        {
            if (e.Commit is not null || e.IsPruned)
            {
                continue;
            }

            if (e.Sequence >= limit)
            {
                yield break;
            }

            var r = AuditRecordCodec.Decode(e.Data.Span);
            if ((query.From is { } from && r.RecordedAt < from) ||
                (query.To is { } to && r.RecordedAt >= to) ||
                (query.Actor is not null && !string.Equals(query.Actor, r.Actor, StringComparison.Ordinal)) ||
                (query.Type is not null && !string.Equals(query.Type, r.Type, StringComparison.Ordinal)) ||
                (query.CorrelationId is not null && !string.Equals(query.CorrelationId, r.CorrelationId, StringComparison.Ordinal)))
            {
                continue;
            }

            yield return r;
            if (++found == query.Limit)
            {
                yield break;
            }
        }
    }

    /// <summary>Decrypts a protected property of a record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="property">The property name.</param>
    /// <returns>The clear value.</returns>
    /// <exception cref="KeyNotFoundException">The record has no such protected property.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="ISecretProtector"/> is registered.</exception>
    /// <exception cref="CryptographicException">The key was erased (crypto-shredded) or the value tampered with.</exception>
    public string Reveal(AuditRecord record, string property)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(property);
        if (!record.ProtectedProperties.TryGetValue(property, out var cipher))
        {
            throw new KeyNotFoundException($"Record #{record.Sequence} has no protected property '{property}'.");
        }

        var protector = _protector ?? throw new InvalidOperationException("No ISecretProtector is registered; call AddEncryption() on the builder.");
        var clear = protector.Unprotect(cipher.Span, PurposePrefix + (record.Actor ?? "-"));
        try
        {
            return Encoding.UTF8.GetString(clear);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    /// <summary>Verifies the whole stored log: re-hashes every record and checks every signed commit and checkpoint.</summary>
    /// <param name="trustedCheckpoints">Checkpoints kept outside the log (a witness's copy); they detect a rewrite re-signed with the log's own key.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    /// <returns>The result, naming the first bad sequence number.</returns>
    public async ValueTask<AuditVerificationResult> VerifyAsync(IEnumerable<SignedCheckpoint>? trustedCheckpoints = null, CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await AuditLogVerifier.VerifyAsync(_store, _key!.PublicKey, trustedCheckpoints, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the data of sealed segments older than <see cref="AuditTrailOptions.Retention"/>, keeping their hashes and commits.</summary>
    /// <param name="cancellationToken">Cancels the pruning.</param>
    /// <returns>How many records' data were removed; 0 when no retention is set.</returns>
    public async ValueTask<long> ApplyRetentionAsync(CancellationToken cancellationToken = default)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return _options.Retention is { } keep ? await _store.PruneAsync(_time.GetUtcNow() - keep, cancellationToken).ConfigureAwait(false) : 0;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null)
        {
            await _writer.ConfigureAwait(false);
        }

        await _store.DisposeAsync().ConfigureAwait(false);
        _key?.Dispose();
        _openGate.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    /// <summary>Reads the canonical bytes (the Merkle leaf data) of one durable record, for evidence that is verified offline.</summary>
    internal async ValueTask<byte[]?> ReadCanonicalAsync(long sequence, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var e in _store.ReadAsync(sequence, cancellationToken).ConfigureAwait(false))
        {
            if (e.Commit is null && e.Sequence == sequence)
            {
                return e.IsPruned ? null : e.Data.ToArray();
            }

            if (e.Commit is null && e.Sequence > sequence)
            {
                break;
            }
        }

        return null;
    }

    internal ValueTask<AuditAppendResult> AppendFromPipelineAsync(ReadOnlyMemory<SecurityEvent> events, CancellationToken cancellationToken) =>
        AppendRangeCoreAsync(events, AuditRecordOrigin.Pipeline, cancellationToken);

    /// <summary>Signs a checkpoint when records were added since the last one (the scheduled checkpoint).</summary>
    internal async ValueTask<SignedCheckpoint?> CheckpointIfChangedAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        return Count == Interlocked.Read(ref _lastCheckpointSize) ? null : await CheckpointAsync(cancellationToken).ConfigureAwait(false);
    }

    private static InvalidOperationException NotOpen() => new("The audit trail is not open yet; call OpenAsync (the host does it at start).");

    private void ThrowIfNotOpen()
    {
        if (!_opened)
        {
            throw NotOpen();
        }
    }

    private void CheckSize(long size, long min)
    {
        if (size < min || size > _committed)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The tree size must be between {min} and {_committed}.");
        }
    }

    private void CheckSequence(long sequence)
    {
        if (sequence < 0 || sequence >= _committed)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Record #{sequence} does not exist; the log holds {_committed} records.");
        }
    }

    private async ValueTask<AuditAppendResult> AppendRangeCoreAsync(ReadOnlyMemory<SecurityEvent> records, AuditRecordOrigin origin, CancellationToken cancellationToken)
    {
        if (records.IsEmpty)
        {
            throw new ArgumentException("At least one record is needed.", nameof(records));
        }

        var copy = records.ToArray();
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentException("A record is null.", nameof(records));
        }

        var pending = new Pending(copy, origin);
        await EnqueueAsync(pending, cancellationToken).ConfigureAwait(false);
        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private async ValueTask EnqueueAsync(Pending pending, CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new ObjectDisposedException("The audit trail has been disposed; the record was not appended.", ex);
        }
    }

    private async Task OpenCoreAsync(CancellationToken cancellationToken)
    {
        if (_options.SigningKey is { } seed)
        {
            _key = AuditSigningKey.FromSeed(seed, _options.Origin);
        }
        else if (_options.Directory is { } dir)
        {
            System.IO.Directory.CreateDirectory(dir);
            _key = AuditSigningKey.LoadOrCreate(dir, _options.Origin, FileAuditStore.LogExists(dir));
        }
        else
        {
            _key = AuditSigningKey.CreateEphemeral(_options.Origin);
        }

        var recovery = await _store.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Checkpoints first: on a shared log another host may save a checkpoint over records appended after this host's read.
        var checkpoints = await _store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        SignedCheckpoint? lastCommit = null;
        var idOffset = Math.Max(0, recovery.RecordCount - _options.DeduplicationWindow);
        await foreach (var e in _store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (e.Commit is { } c)
            {
                lastCommit = c;
                continue;
            }

            if (e.Sequence != _tree.Count)
            {
                throw new AuditLogTamperedException($"The stored audit log skips from #{_tree.Count} to #{e.Sequence}.") { FirstBadSequence = _tree.Count };
            }

            _tree.Append(e.LeafHash.Span);
            if (e.Sequence >= idOffset && !e.IsPruned)
            {
                Remember(RecordId(e), e.Sequence);
            }
        }

        // A shared log may have grown between the store's count and the read (other hosts append); it never shrinks.
        if (_tree.Count != recovery.RecordCount && !(_store is ISharedAuditStore && _tree.Count > recovery.RecordCount))
        {
            throw new AuditStoreException($"The audit store reported {recovery.RecordCount} records but {_tree.Count} were read.");
        }

        // The last commit must be ours and match the stored records: a rewrite of the newest records or a new key is refused here.
        if (lastCommit is not null &&
            (lastCommit.TreeSize != _tree.Count || !lastCommit.Verify(_key.PublicKey) || !lastCommit.RootHash.Span.SequenceEqual(_tree.Root(_tree.Count))))
        {
            throw new AuditLogTamperedException(
                $"The newest commit of the audit log does not match its records or is not signed by the log's key ({_key.VerifierKey}). Run 'trsec audit verify' to find the first bad record.");
        }

        foreach (var cp in checkpoints)
        {
            if (cp.TreeSize > _tree.Count)
            {
                throw new AuditLogTamperedException(
                    $"A checkpoint signed at {cp.Timestamp:O} covers {cp.TreeSize} records but the log now holds {_tree.Count}: acknowledged records were removed.") { FirstBadSequence = _tree.Count };
            }

            if (!cp.Verify(_key.PublicKey) || !cp.RootHash.Span.SequenceEqual(_tree.Root(cp.TreeSize)))
            {
                throw new AuditLogTamperedException($"The checkpoint of size {cp.TreeSize} signed at {cp.Timestamp:O} does not match the log: history was rewritten.");
            }

            _lastCheckpointSize = Math.Max(_lastCheckpointSize, cp.TreeSize);
        }

        _committed = _tree.Count;
        _latestCommit = lastCommit;
        Log.Opened(_logger, _tree.Count, recovery.DiscardedBytes);
    }

    private bool Remember(Guid id, long sequence)
    {
        if (_options.DeduplicationWindow == 0)
        {
            return false;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_recentIds, id, out var exists);
        if (exists)
        {
            return false;
        }

        slot = sequence;
        Enqueue(id);
        return true;
    }

    /// <summary>Adds an id already in <see cref="_recentIds"/> to the window's order, dropping the oldest beyond the window.</summary>
    private void Enqueue(Guid id)
    {
        _recentOrder.Enqueue(id);
        while (_recentOrder.Count > _options.DeduplicationWindow)
        {
            _recentIds.Remove(_recentOrder.Dequeue());
        }
    }

    private static Guid RecordId(AuditStoreEntry e) => new(e.Data.Span.Slice(RecordIdOffset, 16), bigEndian: true);

    /// <summary>Returns the empty encode buffer; one that an unusually large group grew is let go rather than kept for good.</summary>
    private GroupBuffer Scratch()
    {
        if (_encoded.Capacity > RetainedScratch)
        {
            _encoded = new GroupBuffer(64 * 1024);
        }

        _encoded.Rewind(0);
        _ends.Clear();
        return _encoded;
    }

    // One array per group owns the records and their leaf hashes (the store may keep it: the in-memory store does).
    private AuditEntryBlock ToBlock(GroupBuffer buffer) => new(_tree.Count, buffer.WrittenSpan, CollectionsMarshal.AsSpan(_ends));

    private static AuditLogTamperedException ForeignTampered(long firstBad, string what) =>
        new($"The shared audit log does not verify where other hosts appended: {what} Nothing more is appended on this host until the log is repaired; run 'trsec audit verify' or AuditLogVerifier.VerifyAsync for the first bad record.")
        {
            FirstBadSequence = firstBad,
        };

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>();
        var added = new List<Guid>();
        var shared = _store as ISharedAuditStore;
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            added.Clear();
            if (shared is not null)
            {
                await WriteSharedGroupAsync(shared, group, added).ConfigureAwait(false);
                continue;
            }

            GatherAppenders();
            var now = _time.GetUtcNow();
            var start = _tree.Count;
            var buffer = Scratch();
            while (_ends.Count < _options.MaxGroupSize && _queue.Reader.TryRead(out var p))
            {
                group.Add(p);
                Assign(p, now, buffer, added);
            }

            if (_ends.Count == 0)
            {
                Complete(group, null, 0);
                continue;
            }

            var entries = ToBlock(buffer);
            SignedCheckpoint commit;
            try
            {
                commit = AppendToTree(entries, now);
                var written = Stopwatch.GetTimestamp();
                await _store.AppendAsync(entries, commit).ConfigureAwait(false);
                _lastWriteTicks = Stopwatch.GetTimestamp() - written;
            }
            catch (Exception ex)
            {
                Fail(group, ex, start, added, entries.Count);
                continue;
            }

            // A decaying maximum: a group cut short by the deadline does not lower the expectation at once, so groups do not
            // settle into halves (5 and 3 of 8 appenders, two flushes where one would do). Capped at twice this group, so after
            // a burst of thousands a lone appender is not held for thousands of groups while the expectation decays one by one.
            _expectedAppenders = Math.Max(group.Count, Math.Min(_expectedAppenders - 1, 2 * group.Count));
            Complete(group, commit, entries.Count);
        }
    }

    /// <summary>Before a group is taken, waits briefly for the appenders the last group acknowledged to come back (a commit delay, as PostgreSQL's <c>commit_delay</c>).</summary>
    /// <remarks>
    /// Appenders that each await their own acknowledgement come back microseconds after it, one by one; a group taken at once holds the
    /// first of them, and the rest wait out a whole flush before theirs. So while fewer appends are queued than recent groups had
    /// appenders (the largest of late, less one per group since, but at most twice the last group and the queue's capacity), the
    /// writer yields, for at most a quarter of the last write's duration (a durable write is an fsync of 0.1 ms or more; an in-memory
    /// one is a few microseconds, so the wait all but vanishes) and never more than 0.2 ms. A single appender waits only for the
    /// group or two after others stopped appending.
    /// The wait is measured on the monotonic <see cref="Stopwatch"/>, not the trail's <see cref="TimeProvider"/>: it is scheduling, not
    /// record time, and a fake clock that does not move must not stall the writer.
    /// </remarks>
    private void GatherAppenders()
    {
        var expected = Math.Min(_expectedAppenders, _options.QueueCapacity);
        if (expected <= 1 || _queue.Reader.Count >= expected)
        {
            return;
        }

        var deadline = Stopwatch.GetTimestamp() + Math.Min(_lastWriteTicks / 4, MaxGatherTicks);
        var spinner = default(SpinWait);
        while (_queue.Reader.Count < expected && Stopwatch.GetTimestamp() < deadline)
        {
            // Yields once past the first spins: the appenders need the CPU to come back. Never a 1 ms sleep.
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>One group on a shared log: under the store's lock, fold the other hosts' entries in, then build, sign and append this host's group.</summary>
    private async Task WriteSharedGroupAsync(ISharedAuditStore shared, List<Pending> group, List<Guid> added)
    {
        var events = 0;
        while (events < _options.MaxGroupSize && _queue.Reader.TryRead(out var p))
        {
            group.Add(p);
            events += p.Events.Length;
        }

        var now = _time.GetUtcNow();
        var known = _tree.Count;
        SignedCheckpoint? latest = null;
        var count = 0;
        try
        {
            await shared.AppendSharedAsync(known, foreign =>
            {
                latest = Fold(foreign, added);
                var buffer = Scratch();
                foreach (var p in group)
                {
                    Assign(p, now, buffer, added);
                }

                if (_ends.Count == 0)
                {
                    return null;
                }

                var entries = ToBlock(buffer);
                count = entries.Count;
                latest = AppendToTree(entries, now);
                return new AuditStoreGroup(entries, latest);
            }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(group, ex, known, added, count);
            return;
        }

        Complete(group, latest, count);
    }

    /// <summary>Folds entries other hosts appended into the tree, checking every record's hash and every commit's size, signature and root.</summary>
    /// <returns>The newest foreign commit, or <see langword="null"/> when there was none.</returns>
    /// <exception cref="AuditLogTamperedException">A foreign entry was forged, altered, signed by another key or is not covered by a commit.</exception>
    private SignedCheckpoint? Fold(IReadOnlyList<AuditStoreEntry> foreign, List<Guid> added)
    {
        SignedCheckpoint? latest = null;
        var committed = _tree.Count;
        var hash = new byte[MerkleHash.Size];
        var prunedSinceCommit = false;
        foreach (var e in foreign)
        {
            if (e.Commit is { } c)
            {
                // A record's data may be gone only by retention: then its group was committed before the retention cut-off.
                // Data removed from younger records, or from any record when no retention is set, is deletion.
                if (prunedSinceCommit && (_options.Retention is not { } retention || c.Timestamp > _time.GetUtcNow() - retention))
                {
                    throw ForeignTampered(committed,
                        $"records #{committed} to #{c.TreeSize - 1} had their data removed although {(_options.Retention is null ? "no retention is set" : "they are younger than the retention period")}: records were deleted.");
                }

                prunedSinceCommit = false;
                byte[] root;
                lock (_treeGate)
                {
                    root = _tree.Root(_tree.Count);
                }

                if (c.TreeSize != _tree.Count || !c.Verify(_key!.PublicKey) || !CryptographicOperations.FixedTimeEquals(root, c.RootHash.Span))
                {
                    throw ForeignTampered(committed,
                        $"the commit over {c.TreeSize} records is not signed by this host's key ({_key!.VerifierKey}; every host of a fleet must use the same AuditTrailOptions.SigningKey) or does not match records #{committed} to #{_tree.Count - 1}: they were forged or altered.");
                }

                latest = c;
                committed = c.TreeSize;
                continue;
            }

            var seq = _tree.Count;
            if (e.Sequence != seq || e.LeafHash.Length != MerkleHash.Size)
            {
                throw ForeignTampered(seq, $"record #{seq} is missing or out of place (the next stored record is #{e.Sequence}).");
            }

            prunedSinceCommit |= e.IsPruned;
            if (!e.IsPruned)
            {
                MerkleHash.Leaf(e.Data.Span, hash);
                if (!CryptographicOperations.FixedTimeEquals(hash, e.LeafHash.Span) || AuditRecordCodec.ReadSequence(e.Data.Span) != seq || e.Data.Length < RecordIdOffset + 16)
                {
                    throw ForeignTampered(seq, $"record #{seq} was altered: its stored bytes no longer match its hash or position.");
                }
            }

            lock (_treeGate)
            {
                _tree.Append(e.LeafHash.Span);
            }

            if (!e.IsPruned && Remember(RecordId(e), seq))
            {
                added.Add(RecordId(e));
            }
        }

        if (_tree.Count != committed)
        {
            throw ForeignTampered(committed, $"records #{committed} to #{_tree.Count - 1} follow the last signed commit without one of their own.");
        }

        return latest;
    }

    private SignedCheckpoint AppendToTree(AuditEntryBlock entries, DateTimeOffset now)
    {
        lock (_treeGate)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                _tree.Append(entries.LeafHash(i).Span);
            }

            return _key!.Sign(_options.Origin, _tree.Count, _tree.Root(_tree.Count), now);
        }
    }

    private void Fail(List<Pending> group, Exception ex, long start, List<Guid> added, int count)
    {
        lock (_treeGate)
        {
            _tree.Truncate(start);
        }

        foreach (var id in added)
        {
            _recentIds.Remove(id);
        }

        Log.GroupFailed(_logger, ex, count);
        var failure = ex as AuditStoreException ?? new AuditStoreException(
            ex is AuditLogTamperedException
                ? "The audit group was refused because the stored log does not verify (see the inner exception); the records are not in the log."
                : "The audit group could not be stored; the records are not in the log.",
            ex);
        foreach (var p in group)
        {
            p.Completion.TrySetException(failure);
        }
    }

    /// <summary>Publishes the new size (this host's group and any folded foreign groups) and completes the appenders.</summary>
    private void Complete(List<Pending> group, SignedCheckpoint? latest, int count)
    {
        if (latest is not null)
        {
            Interlocked.Exchange(ref _committed, latest.TreeSize);
            Volatile.Write(ref _latestCommit, latest);
        }

        if (count > 0)
        {
            _appended.Add(count);
            _groupSizes.Record(count);
        }

        foreach (var p in group)
        {
            p.Completion.TrySetResult(p.Result);
        }
    }

    private void Assign(Pending p, DateTimeOffset now, GroupBuffer buffer, List<Guid> added)
    {
        var first = true;
        var ends = _ends;
        var endsBefore = ends.Count;
        var bytesBefore = buffer.WrittenCount;
        var addedBefore = added.Count;
        var window = _options.DeduplicationWindow > 0;
        foreach (var e in p.Events)
        {
            AuditAppendResult result;
            var seq = _tree.Count + ends.Count;

            // One dictionary look-up per record: find the id, or reserve its slot for this sequence number.
            var exists = false;
            ref var slot = ref Unsafe.NullRef<long>();
            if (window)
            {
                slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_recentIds, e.Id, out exists);
            }

            if (exists)
            {
                result = new AuditAppendResult(slot, now, IsDuplicate: true);
            }
            else
            {
                if (window)
                {
                    slot = seq;
                }

                try
                {
                    AuditRecordCodec.Encode(buffer, seq, now, p.Origin, e, _protector is null || _options.ProtectedProperties.Count == 0 ? null : ProtectorFor(e), leafPrefix: true);
                }
                catch (Exception ex) when (ex is ArgumentException or CryptographicException)
                {
                    // Cannot happen for a valid SecurityEvent unless protection fails; refuse the whole append rather than store it partly.
                    _recentIds.Remove(e.Id);
                    ends.RemoveRange(endsBefore, ends.Count - endsBefore);
                    buffer.Rewind(bytesBefore);
                    for (var i = addedBefore; i < added.Count; i++)
                    {
                        _recentIds.Remove(added[i]);
                    }

                    added.RemoveRange(addedBefore, added.Count - addedBefore);
                    p.Completion.TrySetException(new AuditStoreException("A record could not be encoded (its protection failed); the whole append was refused.", ex));
                    return;
                }

                ends.Add(buffer.WrittenCount);
                if (window)
                {
                    Enqueue(e.Id);
                }

                added.Add(e.Id);
                result = new AuditAppendResult(seq, now, IsDuplicate: false);
            }

            if (first)
            {
                p.Result = result;
                first = false;
            }
        }
    }

    // A separate method so the closure is allocated only when properties are protected, not for every record.
    private Func<string, string, byte[]?> ProtectorFor(SecurityEvent e) => (name, value) => Protect(e, name, value);

    private byte[]? Protect(SecurityEvent e, string name, string value)
    {
        if (!_options.ProtectedProperties.Contains(name))
        {
            return null;
        }

        var clear = Encoding.UTF8.GetBytes(value);
        try
        {
            return _protector!.Protect(clear, PurposePrefix + (e.Actor ?? "-"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    /// <summary>The writer's encode buffer: a growable array that can be rewound (an append whose encoding failed leaves nothing behind).</summary>
    private sealed class GroupBuffer(int capacity) : IBufferWriter<byte>
    {
        private byte[] _data = new byte[capacity];

        public int WrittenCount { get; private set; }

        public int Capacity => _data.Length;

        public ReadOnlySpan<byte> WrittenSpan => _data.AsSpan(0, WrittenCount);

        public void Rewind(int count) => WrittenCount = count;

        public void Advance(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _data.Length - WrittenCount);
            WrittenCount += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _data.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _data.AsSpan(WrittenCount);
        }

        private void Ensure(int sizeHint)
        {
            var need = Math.Max(sizeHint, 1);
            if (_data.Length - WrittenCount < need)
            {
                var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_data.Length * 2, (long)WrittenCount + need));
                Array.Resize(ref _data, size);
            }
        }
    }

    private sealed class Pending(SecurityEvent[] events, AuditRecordOrigin origin)
    {
        public SecurityEvent[] Events { get; } = events;

        public AuditRecordOrigin Origin { get; } = origin;

        public AuditAppendResult Result { get; set; }

        public TaskCompletionSource<AuditAppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Audit trail opened with {Count} records ({Discarded} bytes of an unacknowledged torn tail removed).")]
        public static partial void Opened(ILogger logger, long count, long discarded);

        [LoggerMessage(2, LogLevel.Error, "An audit group commit of {Count} records failed; the appenders were told and nothing of the group is in the log.")]
        public static partial void GroupFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(3, LogLevel.Information, "Audit checkpoint signed over {Size} records.")]
        public static partial void CheckpointSigned(ILogger logger, long size);
    }
}
