using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>The on-disk layout of audit segment files (format version 1).</summary>
/// <remarks>
/// A segment is a 24-byte header — ASCII <c>TRAUDSEG</c>, version u32 (1), reserved u32 (0), first sequence number i64 — followed by frames.
/// A frame is magic u32 (<c>TRA1</c> record, <c>TRC1</c> commit), body length u32, the body, then a 32-byte check:
/// for a record the body is the canonical record and the check is its Merkle leaf hash <c>SHA-256(0x00 || body)</c>;
/// for a commit the body is a <see cref="SignedCheckpoint"/> note in UTF-8 and the check is <c>SHA-256(body)</c>.
/// All integers are little-endian. Every group commit ends with a commit frame, so a crash leaves at most one incomplete group.
/// </remarks>
internal static class AuditSegmentFormat
{
    public const int HeaderSize = 24;
    public const int FrameOverhead = 8 + MerkleHash.Size;
    public const int MaxBodyLength = 4 * 1024 * 1024;
    public const uint RecordMagic = 0x31415254; // "TRA1"
    public const uint CommitMagic = 0x31435254; // "TRC1"
    public static ReadOnlySpan<byte> SegmentMagic => "TRAUDSEG"u8;

    public enum Status
    {
        Ok,
        Incomplete,
        Corrupt,
    }

    public static void WriteHeader(Span<byte> destination, long firstSequence)
    {
        SegmentMagic.CopyTo(destination);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], firstSequence);
    }

    public static bool TryReadHeader(ReadOnlySpan<byte> data, out long firstSequence)
    {
        firstSequence = -1;
        if (data.Length < HeaderSize || !data[..8].SequenceEqual(SegmentMagic) ||
            BinaryPrimitives.ReadUInt32LittleEndian(data[8..]) != 1 || BinaryPrimitives.ReadUInt32LittleEndian(data[12..]) != 0)
        {
            return false;
        }

        firstSequence = BinaryPrimitives.ReadInt64LittleEndian(data[16..]);
        return firstSequence >= 0;
    }

    public static int WriteRecordFrame(Span<byte> destination, ReadOnlySpan<byte> record, ReadOnlySpan<byte> leafHash)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, RecordMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], (uint)record.Length);
        record.CopyTo(destination[8..]);
        leafHash.CopyTo(destination[(8 + record.Length)..]);
        return FrameOverhead + record.Length;
    }

    public static byte[] CommitFrame(SignedCheckpoint commit)
    {
        var body = Encoding.UTF8.GetBytes(commit.ToNote());
        var frame = new byte[FrameOverhead + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(frame, CommitMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(4), (uint)body.Length);
        body.CopyTo(frame, 8);
        SHA256.HashData(body, frame.AsSpan(8 + body.Length));
        return frame;
    }

    /// <summary>Reads the frame at <paramref name="offset"/>, checking its check hash.</summary>
    public static Status TryReadFrame(ReadOnlySpan<byte> data, int offset, out bool isCommit, out int bodyLength, bool checkHash = true)
    {
        isCommit = false;
        bodyLength = 0;
        var rest = data[offset..];
        if (rest.Length < 8)
        {
            return Status.Incomplete;
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(rest);
        if (magic != RecordMagic && magic != CommitMagic)
        {
            return Status.Corrupt;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(rest[4..]);
        if (length > MaxBodyLength)
        {
            return Status.Corrupt;
        }

        if (rest.Length < FrameOverhead + (int)length)
        {
            return Status.Incomplete;
        }

        isCommit = magic == CommitMagic;
        bodyLength = (int)length;
        if (!checkHash && !isCommit)
        {
            // Readers that re-hash every record themselves (the verifier) skip the second hash.
            return Status.Ok;
        }

        var body = rest.Slice(8, bodyLength);
        Span<byte> check = stackalloc byte[MerkleHash.Size];
        if (isCommit)
        {
            SHA256.HashData(body, check);
        }
        else
        {
            MerkleHash.Leaf(body, check);
        }

        return check.SequenceEqual(rest.Slice(8 + bodyLength, MerkleHash.Size)) ? Status.Ok : Status.Corrupt;
    }

    /// <summary>Looks for any intact commit frame in a region, which a crash cannot leave behind an incomplete group.</summary>
    public static bool ContainsCommit(ReadOnlySpan<byte> data, int from)
    {
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, CommitMagic);
        for (var i = from; i <= data.Length - FrameOverhead; i++)
        {
            var hit = data[i..].IndexOf(magic);
            if (hit < 0)
            {
                return false;
            }

            i += hit;
            if (TryReadFrame(data, i, out var isCommit, out _) == Status.Ok && isCommit)
            {
                return true;
            }
        }

        return false;
    }
}
