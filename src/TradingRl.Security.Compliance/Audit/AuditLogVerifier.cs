using System.Security.Cryptography;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Verifies a stored audit log end to end: re-hashes every stored record, checks dense sequence numbers, every signed commit and every checkpoint.</summary>
/// <remarks>
/// Reads the store only (safe beside a running writer). Never throws on a bad log; the result names the first bad sequence number.
/// Detecting a rewrite that recomputed every hash and re-signed with the log's own key needs a checkpoint kept elsewhere
/// (an external witness): pass it as a trusted checkpoint.
/// </remarks>
public static class AuditLogVerifier
{
    /// <summary>Verifies a log.</summary>
    /// <param name="store">The store to read.</param>
    /// <param name="publicKey">The trusted 32-byte Ed25519 public key of the log.</param>
    /// <param name="trustedCheckpoints">Checkpoints kept outside the log (e.g. by a witness); each must match the log.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">The public key is not 32 bytes.</exception>
    public static async ValueTask<AuditVerificationResult> VerifyAsync(
        IAuditStore store,
        ReadOnlyMemory<byte> publicKey,
        IEnumerable<SignedCheckpoint>? trustedCheckpoints = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (publicKey.Length != 32)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes long.", nameof(publicKey));
        }

        var state = new State(publicKey.ToArray());
        IReadOnlyList<SignedCheckpoint> saved;
        try
        {
            saved = await store.ReadCheckpointsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (AuditLogTamperedException ex)
        {
            return state.Fail(AuditVerificationStatus.CheckpointMismatch, null, ex.Message);
        }

        foreach (var c in saved)
        {
            state.AddCheckpoint(c, trusted: false);
        }

        foreach (var c in trustedCheckpoints ?? [])
        {
            state.AddCheckpoint(c, trusted: true);
        }

        if (state.Failure is { } early)
        {
            return early;
        }

        try
        {
            if (store is FileAuditStore file)
            {
                // The same walk as ReadAsync, over the segment bytes in place: no entry object per record.
                await Task.Yield();
                if (!file.Visit(state, cancellationToken))
                {
                    return state.Failure!;
                }
            }
            else
            {
                await foreach (var entry in store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
                {
                    if (!state.Accept(entry))
                    {
                        return state.Failure!;
                    }
                }
            }
        }
        catch (AuditLogTamperedException ex)
        {
            return state.Fail(AuditVerificationStatus.RecordAltered, ex.FirstBadSequence ?? state.Count, ex.Message);
        }

        return state.Finish();
    }

    /// <summary>Verifies the log in an audit directory with the key in its <c>signing.vkey</c> file, or a pinned verifier key.</summary>
    /// <param name="directory">The audit directory (holding <c>segments/</c>).</param>
    /// <param name="verifierKey">A C2SP verifier key (<c>name+keyid+base64</c>) to trust instead of the one stored beside the log.</param>
    /// <param name="trustedCheckpoints">Checkpoints kept outside the log.</param>
    /// <param name="cancellationToken">Stops the verification.</param>
    /// <returns>The result.</returns>
    /// <exception cref="AuditSigningKeyException">The verifier key is missing or malformed.</exception>
    public static async ValueTask<AuditVerificationResult> VerifyDirectoryAsync(
        string directory,
        string? verifierKey = null,
        IEnumerable<SignedCheckpoint>? trustedCheckpoints = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var (_, key) = verifierKey is null
            ? AuditSigningKey.ReadVerifierKey(Path.Combine(directory, AuditSigningKey.PublicKeyFile))
            : AuditSigningKey.ParseVerifierKey(verifierKey.Trim());
        await using var store = new FileAuditStore(directory);
        return await VerifyAsync(store, key, trustedCheckpoints, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Builds an inclusion proof from a stored log, read-only, against a committed tree size.</summary>
    /// <param name="store">The store.</param>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="treeSize">The tree size; the last committed size when omitted.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The proof.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The record or size is not in the committed log.</exception>
    public static async ValueTask<InclusionProof> ProveInclusionAsync(IAuditStore store, long sequence, long? treeSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tree = new MerkleTree();
        long committed = 0;
        await foreach (var e in store.ReadAsync(0, cancellationToken).ConfigureAwait(false))
        {
            if (e.Commit is null)
            {
                tree.Append(e.LeafHash.Span);
            }
            else
            {
                committed = e.Commit.TreeSize;
            }
        }

        var size = treeSize ?? committed;
        if (size < 1 || size > committed)
        {
            throw new ArgumentOutOfRangeException(nameof(treeSize), size, $"The tree size must be between 1 and {committed}, the committed size of the log.");
        }

        if (sequence < 0 || sequence >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Record #{sequence} is not in the tree of size {size}.");
        }

        return new InclusionProof(sequence, size, tree.LeafHash(sequence), tree.Root(size), tree.InclusionProof(sequence, size));
    }

    private sealed class State(byte[] publicKey) : IAuditLogVisitor
    {
        private readonly MerkleFrontier _frontier = new();
        private readonly Dictionary<long, List<(SignedCheckpoint Checkpoint, bool Trusted)>> _checkpoints = [];
        private readonly byte[] _hash = new byte[MerkleHash.Size];

        // Signatures of commits announced ahead (Upcoming), checked on the thread pool while this walk hashes records.
        private readonly Dictionary<SignedCheckpoint, Task<bool>> _signatures = new(ReferenceEqualityComparer.Instance);
        private long _lastCommit;
        private long _pruned;
        private int _commits;
        private int _checkpointsVerified;
        private long _maxCheckpoint;

        public long Count => _frontier.Count;

        public AuditVerificationResult? Failure { get; private set; }

        public void AddCheckpoint(SignedCheckpoint c, bool trusted)
        {
            if (!c.Verify(publicKey))
            {
                Fail(AuditVerificationStatus.SignatureInvalid, null,
                    $"The {(trusted ? "trusted" : "saved")} checkpoint of size {c.TreeSize} signed at {c.Timestamp:O} does not verify with the trusted public key.");
                return;
            }

            if (!_checkpoints.TryGetValue(c.TreeSize, out var list))
            {
                _checkpoints[c.TreeSize] = list = [];
            }

            list.Add((c, trusted));
            _maxCheckpoint = Math.Max(_maxCheckpoint, c.TreeSize);
        }

        public bool Accept(AuditStoreEntry entry) =>
            entry.Commit is { } commit ? Commit(commit)
            : entry.IsPruned ? Pruned(entry.Sequence, entry.LeafHash.Span)
            : Record(entry.Sequence, entry.Data.Span, entry.LeafHash.Span, prefixed: false);

        public bool Commit(SignedCheckpoint commit) => AcceptCommit(commit);

        public void Upcoming(SignedCheckpoint commit)
        {
            // An Ed25519 check costs about as much as hashing a few hundred records: done beside the walk, it leaves its path.
            if (!_signatures.ContainsKey(commit))
            {
                _signatures[commit] = Task.Run(() => commit.Verify(publicKey));
            }
        }

        public bool Pruned(long sequence, ReadOnlySpan<byte> leafHash)
        {
            if (!InSequence(sequence))
            {
                return false;
            }

            _pruned++;
            leafHash.CopyTo(_hash);
            return AppendLeaf();
        }

        public bool Record(long sequence, ReadOnlySpan<byte> leafInput, ReadOnlySpan<byte> storedLeafHash) =>
            Record(sequence, leafInput, storedLeafHash, prefixed: true);

        private bool Record(long sequence, ReadOnlySpan<byte> input, ReadOnlySpan<byte> storedLeafHash, bool prefixed)
        {
            if (!InSequence(sequence))
            {
                return false;
            }

            var seq = Count;
            ReadOnlySpan<byte> data;
            if (prefixed)
            {
                MerkleHash.LeafPrefixed(input, _hash);
                data = input[1..];
            }
            else
            {
                MerkleHash.Leaf(input, _hash);
                data = input;
            }

            if (!MerkleHash.HashEquals(_hash, storedLeafHash))
            {
                Fail(AuditVerificationStatus.RecordAltered, seq, $"Record #{seq} was altered: its stored bytes no longer match its hash.");
                return false;
            }

            if (AuditRecordCodec.ReadSequence(data) != seq)
            {
                Fail(AuditVerificationStatus.SequenceBroken, seq, $"Record #{seq} carries another sequence number inside: records were moved.");
                return false;
            }

            return AppendLeaf();
        }

        public AuditVerificationResult Finish()
        {
            if (_maxCheckpoint > _lastCommit)
            {
                return Fail(AuditVerificationStatus.LogTruncated, _lastCommit,
                    $"The log holds {_lastCommit} committed records but a checkpoint signed over {_maxCheckpoint} records exists: records #{_lastCommit} onwards were cut off.");
            }

            if (Count > _lastCommit)
            {
                return Fail(AuditVerificationStatus.UncommittedTail, _lastCommit,
                    $"Records #{_lastCommit} to #{Count - 1} follow the last signed commit and are not part of the log (a crash's unacknowledged remnant, removed at the next open, or an unsigned forgery).");
            }

            return new AuditVerificationResult(AuditVerificationStatus.Valid, Count, _pruned, _commits, _checkpointsVerified, null, _frontier.Root(),
                $"All {Count} records verified ({_pruned} pruned by retention, checked by hash only), {_commits} signed commits and {_checkpointsVerified} checkpoints.");
        }

        public AuditVerificationResult Fail(AuditVerificationStatus status, long? firstBad, string message)
        {
            Failure ??= new AuditVerificationResult(status, Count, _pruned, _commits, _checkpointsVerified, firstBad, _frontier.Root(), message);
            return Failure;
        }

        private bool InSequence(long sequence)
        {
            if (sequence != Count)
            {
                Fail(AuditVerificationStatus.SequenceBroken, Count, $"Record #{Count} is missing or out of place: the next stored record is #{sequence}. Records were removed, swapped or inserted.");
                return false;
            }

            return true;
        }

        private bool AppendLeaf()
        {
            _frontier.Append(_hash);
            if (Count > _maxCheckpoint || !_checkpoints.TryGetValue(Count, out var list))
            {
                return true;
            }

            var root = _frontier.Root();
            foreach (var (c, trusted) in list)
            {
                if (!CryptographicOperations.FixedTimeEquals(root, c.RootHash.Span))
                {
                    Fail(AuditVerificationStatus.CheckpointMismatch, null,
                        $"The log's first {c.TreeSize} records do not match the {(trusted ? "trusted" : "saved")} checkpoint signed at {c.Timestamp:O}: history before record #{c.TreeSize} was rewritten.");
                    return false;
                }

                _checkpointsVerified++;
            }

            return true;
        }

        private bool AcceptCommit(SignedCheckpoint commit)
        {
            if (commit.TreeSize != Count)
            {
                Fail(AuditVerificationStatus.SequenceBroken, Math.Min(commit.TreeSize, Count), $"A commit covers {commit.TreeSize} records where {Count} precede it.");
                return false;
            }

            if (!(_signatures.Remove(commit, out var checkedAhead) ? checkedAhead.GetAwaiter().GetResult() : commit.Verify(publicKey)))
            {
                Fail(AuditVerificationStatus.SignatureInvalid, _lastCommit,
                    $"The commit after record #{Count - 1} is not signed by the trusted key: records #{_lastCommit} to #{Count - 1} were forged or re-signed.");
                return false;
            }

            if (!CryptographicOperations.FixedTimeEquals(_frontier.Root(), commit.RootHash.Span))
            {
                Fail(AuditVerificationStatus.RecordAltered, _lastCommit,
                    $"Records #{_lastCommit} to #{Count - 1} no longer hash to the root signed when they were written: one of them, starting with #{_lastCommit}, was rewritten.");
                return false;
            }

            _lastCommit = Count;
            _commits++;
            return true;
        }
    }
}
