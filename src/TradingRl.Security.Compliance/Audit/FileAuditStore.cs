using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>The durable audit store: segment files under a directory, group commits flushed once, crash recovery to the last commit.</summary>
/// <remarks>
/// <para>Layout under the directory: <c>segments/&lt;first sequence, 20 digits&gt;.seg</c> (see the package README for the byte format),
/// <c>pruned/&lt;first sequence&gt;.leaves</c> (leaf hashes and closing commit of segments removed by retention),
/// <c>checkpoints.notes</c> (every saved checkpoint), <c>latest.checkpoint</c> (the newest, for witnesses),
/// <c>torn/</c> (bytes of incomplete groups removed by recovery, kept for forensics) and <c>lock</c>.</para>
/// <para>One writer per directory: <see cref="OpenAsync"/> takes an exclusive lock on <c>lock</c>. Reading needs no lock.
/// Thread-safe for one appender and any number of readers.</para>
/// </remarks>
public sealed partial class FileAuditStore : IAuditStore
{
    private const string SegmentsFolder = "segments";
    private const string PrunedFolder = "pruned";
    private const string TornFolder = "torn";
    private const string CheckpointsFile = "checkpoints.notes";
    private const string LatestCheckpointFile = "latest.checkpoint";
    private static readonly byte[] LeavesMagic = "TRAUDLV1"u8.ToArray();

    private readonly string _directory;
    private readonly AuditDurability _durability;
    private readonly long _segmentSize;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private List<Segment> _segments = [];
    private FileStream? _lock;
    private FileStream? _current;
    private long _next;
    private bool _opened;

    /// <summary>Initializes a store over a directory (created when missing).</summary>
    /// <param name="directory">The audit directory, e.g. <c>DATA/audit</c>.</param>
    /// <param name="durability">When an append counts as done.</param>
    /// <param name="segmentSize">The size at which a new segment is started, in bytes.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <exception cref="ArgumentException">The directory is empty or the segment size below 64 KiB.</exception>
    public FileAuditStore(string directory, AuditDurability durability = AuditDurability.Flush, long segmentSize = 64 * 1024 * 1024, ILogger<FileAuditStore>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 64 * 1024);
        _directory = Path.GetFullPath(directory);
        _durability = durability;
        _segmentSize = segmentSize;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the full path of the audit directory.</summary>
    public string Directory => _directory;

    /// <summary>Gets a value indicating whether a log (a segment or pruned segment) exists in a directory.</summary>
    /// <param name="directory">The audit directory.</param>
    /// <returns><see langword="true"/> when a log exists there.</returns>
    public static bool LogExists(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return HasFiles(Path.Combine(directory, SegmentsFolder), "*.seg") || HasFiles(Path.Combine(directory, PrunedFolder), "*.leaves");
    }

    /// <inheritdoc/>
    public ValueTask<AuditStoreRecovery> OpenAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_opened)
            {
                throw new InvalidOperationException("The audit store is already open.");
            }

            try
            {
                System.IO.Directory.CreateDirectory(Path.Combine(_directory, SegmentsFolder));
                _lock = new FileStream(Path.Combine(_directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex)
            {
                throw new AuditStoreException($"The audit log in '{_directory}' is in use by another process (or cannot be created); only one writer may open it.", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new AuditStoreException($"The audit directory '{_directory}' cannot be written; check its permissions.", ex);
            }

            try
            {
                var isNew = !LogExists(_directory);
                var discarded = Recover();
                if (_segments.Count > 0)
                {
                    var last = _segments[^1];
                    _current = new FileStream(last.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
                    _current.Position = _current.Length;
                }

                _opened = true;
                return ValueTask.FromResult(new AuditStoreRecovery(_next, discarded, isNew));
            }
            catch
            {
                _lock.Dispose();
                _lock = null;
                throw;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask AppendAsync(IReadOnlyList<AuditStoreEntry> records, SignedCheckpoint commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(commit);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_opened)
        {
            throw new InvalidOperationException("Open the audit store before appending.");
        }

        if (records.Count == 0 || commit.TreeSize != _next + records.Count)
        {
            throw new ArgumentException("A group holds at least one record and its commit covers exactly the records stored so far plus the group.", nameof(records));
        }

        // The writer's block is read in place; any other list through its entries.
        var block = records as AuditEntryBlock;
        var size = AuditSegmentFormat.FrameOverhead + Encoding.UTF8.GetMaxByteCount(SignedCheckpoint.MaxNoteLength);
        for (var i = 0; i < records.Count; i++)
        {
            var r = block is null ? records[i] : null;
            var (sequence, data, hash) = r is null ? (block!.FirstSequence + i, block.Data(i), block.LeafHash(i)) : (r.Sequence, r.Data, r.LeafHash);
            if (sequence != _next + i || hash.Length != MerkleHash.Size || data.IsEmpty || data.Length > AuditSegmentFormat.MaxBodyLength)
            {
                throw new ArgumentException("Group records must be non-empty, carry a 32-byte leaf hash and follow the stored sequence densely.", nameof(records));
            }

            size += AuditSegmentFormat.FrameOverhead + data.Length;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(size + AuditSegmentFormat.HeaderSize);
        try
        {
            var written = 0;
            for (var i = 0; i < records.Count; i++)
            {
                written += block is null
                    ? AuditSegmentFormat.WriteRecordFrame(buffer.AsSpan(written), records[i].Data.Span, records[i].LeafHash.Span)
                    : AuditSegmentFormat.WriteRecordFrame(buffer.AsSpan(written), block.Data(i).Span, block.LeafHash(i).Span);
            }

            var commitFrame = AuditSegmentFormat.CommitFrame(commit);
            commitFrame.CopyTo(buffer, written);
            written += commitFrame.Length;
            var lastRecordedAt = ReadRecordedAt((block?.Data(records.Count - 1) ?? records[^1].Data).Span);
            lock (_gate)
            {
                Write(buffer.AsSpan(0, written), records.Count, lastRecordedAt);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<AuditStoreEntry> ReadAsync(long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromSequence);
        List<Segment> segments;
        lock (_gate)
        {
            segments = _opened ? [.. _segments] : ListSegments();
        }

        for (var s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            if (s + 1 < segments.Count && segments[s + 1].FirstSequence <= fromSequence)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var entries = segment.Pruned ? ReadPruned(segment) : ReadSegment(segment, isLast: s == segments.Count - 1, _opened ? segment.Length : -1);
            foreach (var e in entries)
            {
                if (e.Sequence >= fromSequence || (e.Commit is not null && e.Sequence > fromSequence))
                {
                    yield return e;
                }
            }

            await Task.Yield();
        }
    }

    /// <summary>Walks the whole log as <see cref="ReadAsync"/> from 0 yields it, handing the visitor each record's bytes in place (no entry objects), for verification.</summary>
    /// <returns><see langword="false"/> when the visitor stopped the walk.</returns>
    /// <exception cref="AuditLogTamperedException">The log's structure is damaged, as <see cref="ReadAsync"/> reports it.</exception>
    internal bool Visit(IAuditLogVisitor visitor, CancellationToken cancellationToken)
    {
        List<Segment> segments;
        lock (_gate)
        {
            segments = _opened ? [.. _segments] : ListSegments();
        }

        // One buffer for the walk, grown for a larger segment; spans into it live only during the visitor's calls.
        byte[] buffer = [];
        return VisitSegments(visitor, segments, new List<Frame>(), ref buffer, cancellationToken);
    }

    private bool VisitSegments(IAuditLogVisitor visitor, List<Segment> segments, List<Frame> frames, ref byte[] buffer, CancellationToken cancellationToken)
    {
        for (var s = 0; s < segments.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var segment = segments[s];
            if (s + 1 < segments.Count && segments[s + 1].FirstSequence <= 0)
            {
                // As ReadAsync from 0: a later file that also starts at #0 supersedes this one.
                continue;
            }

            if (segment.Pruned)
            {
                foreach (var e in ReadPruned(segment))
                {
                    if (!(e.Commit is { } c ? visitor.Commit(c) : visitor.Pruned(e.Sequence, e.LeafHash.Span)))
                    {
                        return false;
                    }
                }

                continue;
            }

            var n = ScanSegment(segment, isLast: s == segments.Count - 1, _opened ? segment.Length : -1, frames, ref buffer);
            if (n < 0)
            {
                continue;
            }

            foreach (var f in frames)
            {
                if (f.Commit is { } upcoming)
                {
                    visitor.Upcoming(upcoming);
                }
            }

            var data = buffer.AsSpan(0, n);
            foreach (var f in frames)
            {
                // A record's leaf input is 0x00 || body: the byte before the body is the high byte of the frame's length
                // field, which is 0 because a body is at most MaxBodyLength (4 MiB) long, so the hash needs no copy.
                if (!(f.Commit is { } c ? visitor.Commit(c) : visitor.Record(f.Sequence, data.Slice(f.Offset - 1, f.Length + 1), data.Slice(f.Offset + f.Length, MerkleHash.Size))))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public async ValueTask SaveCheckpointAsync(SignedCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        await _checkpointGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            System.IO.Directory.CreateDirectory(_directory);
            var note = Encoding.UTF8.GetBytes(checkpoint.ToNote());
            using (var fs = new FileStream(Path.Combine(_directory, CheckpointsFile), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0))
            {
                fs.Write(note);
                fs.Flush(flushToDisk: _durability == AuditDurability.Flush);
            }

            var temp = Path.Combine(_directory, LatestCheckpointFile + ".tmp");
            await File.WriteAllBytesAsync(temp, note, cancellationToken).ConfigureAwait(false);
            File.Move(temp, Path.Combine(_directory, LatestCheckpointFile), overwrite: true);
        }
        catch (IOException ex)
        {
            throw new AuditStoreException($"The checkpoint could not be saved in '{_directory}'.", ex);
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<SignedCheckpoint>> ReadCheckpointsAsync(CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(_directory, CheckpointsFile);
        if (!File.Exists(path))
        {
            return ValueTask.FromResult<IReadOnlyList<SignedCheckpoint>>([]);
        }

        var lines = File.ReadAllText(path, Encoding.UTF8).Split('\n');
        var result = new List<SignedCheckpoint>();

        // Each note is six lines; a torn last note (crash while saving) is ignored, any other damage is tampering.
        for (var i = 0; i + 6 <= lines.Length - 1; i += 6)
        {
            var note = string.Join('\n', lines, i, 6) + "\n";
            try
            {
                result.Add(SignedCheckpoint.Parse(note));
            }
            catch (FormatException ex) when (i + 12 <= lines.Length - 1)
            {
                throw new AuditLogTamperedException($"The checkpoint file '{path}' is damaged at note {(i / 6) + 1}.", ex);
            }
            catch (FormatException)
            {
                break;
            }
        }

        return ValueTask.FromResult<IReadOnlyList<SignedCheckpoint>>(result);
    }

    /// <inheritdoc/>
    public ValueTask<long> PruneAsync(DateTimeOffset recordedBefore, CancellationToken cancellationToken = default)
    {
        if (!_opened)
        {
            throw new InvalidOperationException("Open the audit store before pruning.");
        }

        long removed = 0;
        lock (_gate)
        {
            // Only sealed segments (never the one being written), oldest first, and only a contiguous prefix.
            for (var i = 0; i < _segments.Count - 1; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var segment = _segments[i];
                if (segment.Pruned)
                {
                    continue;
                }

                if (segment.LastRecordedAt >= recordedBefore)
                {
                    break;
                }

                var entries = ReadSegment(segment, isLast: false, segment.Length);
                var records = entries.Where(e => e.Commit is null).ToList();
                var commit = entries.Last(e => e.Commit is not null).Commit!;
                var note = Encoding.UTF8.GetBytes(commit.ToNote());
                var blob = new byte[LeavesMagic.Length + 16 + (records.Count * MerkleHash.Size) + 8 + 4 + note.Length];
                LeavesMagic.CopyTo(blob, 0);
                var o = LeavesMagic.Length;
                BinaryPrimitives.WriteInt64LittleEndian(blob.AsSpan(o), segment.FirstSequence);
                BinaryPrimitives.WriteInt64LittleEndian(blob.AsSpan(o + 8), records.Count);
                o += 16;
                foreach (var r in records)
                {
                    r.LeafHash.Span.CopyTo(blob.AsSpan(o));
                    o += MerkleHash.Size;
                }

                BinaryPrimitives.WriteInt64LittleEndian(blob.AsSpan(o), segment.LastRecordedAt.UtcTicks);
                BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(o + 8), note.Length);
                note.CopyTo(blob, o + 12);
                System.IO.Directory.CreateDirectory(Path.Combine(_directory, PrunedFolder));
                var leavesPath = Path.Combine(_directory, PrunedFolder, Path.GetFileNameWithoutExtension(segment.Path) + ".leaves");
                WriteDurably(leavesPath, blob);
                File.Delete(segment.Path);
                _segments[i] = segment with { Path = leavesPath, Pruned = true };
                removed += records.Count;
                Log.Pruned(_logger, segment.FirstSequence, records.Count);
            }
        }

        return ValueTask.FromResult(removed);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _current?.Dispose();
            _current = null;
            _lock?.Dispose();
            _lock = null;
            _opened = false;
        }

        _checkpointGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static bool HasFiles(string folder, string pattern) =>
        System.IO.Directory.Exists(folder) && System.IO.Directory.EnumerateFiles(folder, pattern).Any();

    private static DateTimeOffset ReadRecordedAt(ReadOnlySpan<byte> record) =>
        record.Length >= 17 ? new DateTimeOffset(Math.Clamp(BinaryPrimitives.ReadInt64LittleEndian(record[9..]), 0, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero) : DateTimeOffset.MinValue;

    private static void WriteDurably(string path, ReadOnlySpan<byte> data)
    {
        var temp = path + ".tmp";
        using (var fs = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            fs.Write(data);
            fs.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }

    private static byte[] ReadPrefix(string path, long length)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        var n = length < 0 ? fs.Length : Math.Min(length, fs.Length);
        // Filled completely by ReadExactly below, so the (possibly tens of MB) array need not be zeroed first.
        var buffer = GC.AllocateUninitializedArray<byte>((int)n);
        fs.ReadExactly(buffer);
        return buffer;
    }

    private List<Segment> ListSegments()
    {
        var list = new List<Segment>();
        var pruned = Path.Combine(_directory, PrunedFolder);
        if (System.IO.Directory.Exists(pruned))
        {
            foreach (var f in System.IO.Directory.EnumerateFiles(pruned, "*.leaves"))
            {
                list.Add(new Segment(f, ParseFirst(f), -1, DateTimeOffset.MinValue, true));
            }
        }

        var segments = Path.Combine(_directory, SegmentsFolder);
        if (System.IO.Directory.Exists(segments))
        {
            foreach (var f in System.IO.Directory.EnumerateFiles(segments, "*.seg"))
            {
                list.Add(new Segment(f, ParseFirst(f), -1, DateTimeOffset.MinValue, false));
            }
        }

        list.Sort((a, b) => a.FirstSequence.CompareTo(b.FirstSequence));
        return list;
    }

    private long ParseFirst(string path) =>
        long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            ? first
            : throw new AuditLogTamperedException($"The file '{path}' in the audit directory '{_directory}' is not named after a sequence number; the log's layout was altered.");

    // Recovery: checks every segment's frames; removes only an incomplete group after the last commit of the last segment.
    private long Recover()
    {
        _segments = ListSegments();
        _next = 0;
        long discarded = 0;
        for (var s = 0; s < _segments.Count; s++)
        {
            var segment = _segments[s];
            if (segment.FirstSequence != _next)
            {
                throw new AuditLogTamperedException($"The audit log in '{_directory}' has a gap: a segment starts at #{segment.FirstSequence} where #{_next} was expected.")
                {
                    FirstBadSequence = _next,
                };
            }

            if (segment.Pruned)
            {
                var pruned = ReadPruned(segment);
                _next += pruned.Count(e => e.Commit is null);
                _segments[s] = segment with { LastRecordedAt = ReadPrunedTime(segment.Path) };
                continue;
            }

            var data = ReadPrefix(segment.Path, -1);
            var isLast = s == _segments.Count - 1;
            var scan = Scan(data, segment, isLast);
            if (scan.CommittedEnd < data.Length)
            {
                discarded += data.Length - scan.CommittedEnd;
                var torn = Path.Combine(_directory, TornFolder);
                System.IO.Directory.CreateDirectory(torn);
                WriteDurably(Path.Combine(torn, $"{Path.GetFileNameWithoutExtension(segment.Path)}-{scan.CommittedEnd}.bin"), data.AsSpan(scan.CommittedEnd));
                using (var fs = new FileStream(segment.Path, FileMode.Open, FileAccess.Write, FileShare.Read))
                {
                    fs.SetLength(scan.CommittedEnd);
                    fs.Flush(flushToDisk: true);
                }

                Log.TornTail(_logger, segment.Path, data.Length - scan.CommittedEnd, scan.CommittedNext);
            }

            _next = scan.CommittedNext;
            _segments[s] = segment with { Length = scan.CommittedEnd, LastRecordedAt = scan.LastRecordedAt };
        }

        // An empty last segment (crash right after rolling over) is harmless: keep it and append to it.
        return discarded;
    }

    private static DateTimeOffset ReadPrunedTime(string path)
    {
        var blob = File.ReadAllBytes(path);
        var count = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(LeavesMagic.Length + 8));
        var o = LeavesMagic.Length + 16 + (int)(count * MerkleHash.Size);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(o));
        return ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : throw new AuditLogTamperedException($"The last record time in pruned-segment file '{path}' is damaged.");
    }

    private static ScanResult Scan(ReadOnlySpan<byte> data, Segment segment, bool isLast, bool includeUncommitted = false, bool checkHashes = true, List<Frame>? frames = null)
    {
        frames ??= [];
        frames.Clear();
        if (!AuditSegmentFormat.TryReadHeader(data, out var first) || first != segment.FirstSequence)
        {
            if (isLast && data.Length < AuditSegmentFormat.HeaderSize && !AuditSegmentFormat.ContainsCommit(data, 0))
            {
                // A crash while the header of a new segment was written.
                return new ScanResult(0, segment.FirstSequence, DateTimeOffset.MinValue, frames, Truncated: true);
            }

            throw new AuditLogTamperedException($"The header of audit segment '{segment.Path}' is damaged or names another first sequence number.");
        }

        var offset = AuditSegmentFormat.HeaderSize;
        var committedEnd = offset;
        var next = first;
        var committedNext = first;
        var committedCount = 0;
        var lastTime = DateTimeOffset.MinValue;
        var committedTime = DateTimeOffset.MinValue;
        while (offset < data.Length)
        {
            var status = AuditSegmentFormat.TryReadFrame(data, offset, out var isCommit, out var length, checkHashes);
            if (status != AuditSegmentFormat.Status.Ok)
            {
                if (!isLast || AuditSegmentFormat.ContainsCommit(data, offset + 1))
                {
                    throw new AuditLogTamperedException(
                        $"Audit record #{next} in segment '{segment.Path}' (byte {offset}) is damaged, and committed records follow it: this is not a crash's torn tail. Run 'trsec audit verify' for details.")
                    {
                        FirstBadSequence = next,
                    };
                }

                break;
            }

            var body = data.Slice(offset + 8, length);
            if (isCommit)
            {
                SignedCheckpoint commit;
                try
                {
                    commit = SignedCheckpoint.Parse(Encoding.UTF8.GetString(body));
                }
                catch (FormatException ex)
                {
                    throw new AuditLogTamperedException($"A commit in audit segment '{segment.Path}' (byte {offset}) is malformed.", ex);
                }

                if (commit.TreeSize != next)
                {
                    throw new AuditLogTamperedException($"A commit in audit segment '{segment.Path}' covers {commit.TreeSize} records where {next} records precede it.")
                    {
                        FirstBadSequence = Math.Min(commit.TreeSize, next),
                    };
                }

                frames.Add(new Frame(offset + 8, length, commit.TreeSize, commit));
                committedEnd = offset + AuditSegmentFormat.FrameOverhead + length;
                committedNext = next;
                committedCount = frames.Count;
                committedTime = lastTime;
            }
            else
            {
                var seq = AuditRecordCodec.ReadSequence(body);
                if (seq != next)
                {
                    throw new AuditLogTamperedException($"Audit record #{next} in segment '{segment.Path}' carries sequence number {seq}: records were removed, swapped or inserted.")
                    {
                        FirstBadSequence = next,
                    };
                }

                frames.Add(new Frame(offset + 8, length, seq, null));
                lastTime = ReadRecordedAt(body);
                next++;
            }

            offset += AuditSegmentFormat.FrameOverhead + length;
        }

        if (!includeUncommitted)
        {
            frames.RemoveRange(committedCount, frames.Count - committedCount);
        }

        return new ScanResult(committedEnd, committedNext, committedTime, frames, committedEnd < data.Length);
    }

    private static List<AuditStoreEntry> ReadSegment(Segment segment, bool isLast, long length)
    {
        var frames = new List<Frame>();
        if (ScanSegment(segment, isLast, length, frames) is not { } data)
        {
            return [];
        }

        var entries = new List<AuditStoreEntry>(frames.Count);
        foreach (var f in frames)
        {
            entries.Add(f.Commit is { } commit
                ? new AuditStoreEntry(commit)
                : new AuditStoreEntry(f.Sequence, new ReadOnlyMemory<byte>(data, f.Offset, f.Length), new ReadOnlyMemory<byte>(data, f.Offset + f.Length, MerkleHash.Size)));
        }

        return entries;
    }

    /// <summary>Reads a segment and lists its frames (committed only when <paramref name="length"/> is known); <see langword="null"/> when it was pruned meanwhile.</summary>
    private static byte[]? ScanSegment(Segment segment, bool isLast, long length, List<Frame> frames)
    {
        byte[] data;
        try
        {
            data = ReadPrefix(segment.Path, length);
        }
        catch (FileNotFoundException)
        {
            // Pruned while we read: the caller lists again.
            return null;
        }

        ScanFrames(data, segment, isLast, length, frames);
        return data;
    }

    /// <summary>As <see cref="ScanSegment(Segment, bool, long, List{Frame})"/>, into a buffer the caller reuses across segments (grown when too small).</summary>
    /// <returns>The segment's length in <paramref name="buffer"/>, or -1 when it was pruned meanwhile.</returns>
    private static int ScanSegment(Segment segment, bool isLast, long length, List<Frame> frames, ref byte[] buffer)
    {
        int n;
        try
        {
            using var fs = new FileStream(segment.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            n = (int)(length < 0 ? fs.Length : Math.Min(length, fs.Length));
            if (buffer.Length < n)
            {
                // Filled by ReadExactly below before any byte is read, so the (tens of MB) array need not be zeroed first.
                buffer = GC.AllocateUninitializedArray<byte>(n);
            }

            fs.ReadExactly(buffer, 0, n);
        }
        catch (FileNotFoundException)
        {
            return -1;
        }

        ScanFrames(buffer.AsSpan(0, n), segment, isLast, length, frames);
        return n;
    }

    private static void ScanFrames(ReadOnlySpan<byte> data, Segment segment, bool isLast, long length, List<Frame> frames)
    {
        try
        {
            Scan(data, segment, isLast, includeUncommitted: length < 0, checkHashes: false, frames);
        }
        catch (AuditLogTamperedException)
        {
            // Damage found: scan again checking every hash, so the error names the first damaged record, not a later misparse.
            Scan(data, segment, isLast, includeUncommitted: length < 0, checkHashes: true, frames);
        }
    }

    private static List<AuditStoreEntry> ReadPruned(Segment segment)
    {
        var blob = File.ReadAllBytes(segment.Path);
        if (blob.Length < LeavesMagic.Length + 16 || !blob.AsSpan(0, LeavesMagic.Length).SequenceEqual(LeavesMagic))
        {
            throw new AuditLogTamperedException($"The pruned-segment file '{segment.Path}' is damaged.");
        }

        var first = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(LeavesMagic.Length));
        var count = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(LeavesMagic.Length + 8));
        var o = LeavesMagic.Length + 16;
        if (first != segment.FirstSequence || count <= 0 || count > (blob.Length - o) / MerkleHash.Size)
        {
            throw new AuditLogTamperedException($"The pruned-segment file '{segment.Path}' is damaged.");
        }

        var list = new List<AuditStoreEntry>((int)count + 1);
        for (var i = 0; i < count; i++)
        {
            list.Add(new AuditStoreEntry(first + i, ReadOnlyMemory<byte>.Empty, new ReadOnlyMemory<byte>(blob, o, MerkleHash.Size)));
            o += MerkleHash.Size;
        }

        try
        {
            var noteLength = BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(o + 8));
            list.Add(new AuditStoreEntry(SignedCheckpoint.Parse(Encoding.UTF8.GetString(blob, o + 12, noteLength))));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new AuditLogTamperedException($"The closing commit of pruned-segment file '{segment.Path}' is damaged.", ex);
        }

        return list;
    }

    private void Write(ReadOnlySpan<byte> group, int recordCount, DateTimeOffset lastRecordedAt)
    {
        var first = _next;
        try
        {
            if (_current is null || (_current.Length >= _segmentSize && _current.Length > AuditSegmentFormat.HeaderSize))
            {
                StartSegment(first);
            }
        }
        catch (IOException ex)
        {
            throw new AuditStoreException($"A new audit segment could not be created in '{_directory}'.", ex);
        }

        var current = _current!;
        var before = current.Length;
        try
        {
            current.Position = before;
            current.Write(group);
            current.Flush(flushToDisk: _durability == AuditDurability.Flush);
        }
        catch (IOException ex)
        {
            try
            {
                current.SetLength(before);
            }
            catch (IOException)
            {
                // Recovery removes the incomplete group on the next open: it has no commit the reader trusts.
            }

            throw new AuditStoreException($"The audit log in '{_directory}' could not be written durably (disk full or I/O error); the group was not stored.", ex);
        }

        _next = first + recordCount;
        _segments[^1] = _segments[^1] with { Length = current.Length, LastRecordedAt = lastRecordedAt };
    }

    private void StartSegment(long first)
    {
        _current?.Dispose();
        var path = Path.Combine(_directory, SegmentsFolder, first.ToString("D20", CultureInfo.InvariantCulture) + ".seg");
        var fs = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        Span<byte> header = stackalloc byte[AuditSegmentFormat.HeaderSize];
        AuditSegmentFormat.WriteHeader(header, first);
        fs.Write(header);
        fs.Flush(flushToDisk: _durability == AuditDurability.Flush);
        _current = fs;
        _segments.Add(new Segment(path, first, fs.Length, DateTimeOffset.MinValue, false));
    }

    private sealed record Segment(string Path, long FirstSequence, long Length, DateTimeOffset LastRecordedAt, bool Pruned);

    private sealed record ScanResult(int CommittedEnd, long CommittedNext, DateTimeOffset LastRecordedAt, List<Frame> Frames, bool Truncated);

    /// <summary>One frame of a scanned segment: where its body lies in the segment's bytes (a record's leaf hash follows it), its sequence number or tree size, and a commit's parsed note.</summary>
    private readonly record struct Frame(int Offset, int Length, long Sequence, SignedCheckpoint? Commit);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Audit recovery removed {Bytes} bytes of an incomplete, never-acknowledged group from '{Path}'; the log continues at #{Next}. The bytes are kept under torn/.")]
        public static partial void TornTail(ILogger logger, string path, long bytes, long next);

        [LoggerMessage(2, LogLevel.Information, "Audit retention removed the data of the segment starting at #{First} ({Count} records); its leaf hashes and closing commit are kept.")]
        public static partial void Pruned(ILogger logger, long first, long count);
    }
}
