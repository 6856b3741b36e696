using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>The RFC 9162 (section 2.1.1) hashes of the audit log's Merkle tree: SHA-256 with a 0x00 leaf prefix and a 0x01 node prefix.</summary>
/// <remarks>Thread-safe and allocation-free.</remarks>
public static class MerkleHash
{
    /// <summary>The length of every hash, in bytes.</summary>
    public const int Size = 32;

    /// <summary>The prefix byte of a leaf hash.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>The prefix byte of an interior node hash.</summary>
    public const byte NodePrefix = 0x01;

    /// <summary>Computes <c>SHA-256(0x00 || entry)</c>.</summary>
    /// <param name="entry">The leaf's data.</param>
    /// <param name="destination">Receives the 32-byte hash.</param>
    /// <exception cref="ArgumentException">The destination is shorter than 32 bytes.</exception>
    public static void Leaf(ReadOnlySpan<byte> entry, Span<byte> destination)
    {
        CheckDestination(destination);

        // One-shot hashing over a prefixed copy: several times cheaper than an incremental hash object per leaf.
        var length = entry.Length + 1;
        byte[]? rented = null;
        var buffer = length <= 1024 ? stackalloc byte[length] : (rented = ArrayPool<byte>.Shared.Rent(length)).AsSpan(0, length);
        try
        {
            buffer[0] = LeafPrefix;
            entry.CopyTo(buffer[1..]);
            Sha256Digest.Hash(buffer, destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Computes <c>SHA-256(0x00 || entry)</c> from input that already holds the prefix byte before the entry, without copying it.</summary>
    /// <param name="prefixedEntry">The byte 0x00 followed by the leaf's data (a segment frame's length field ends in that byte, and the writer's buffer reserves it).</param>
    /// <param name="destination">Receives the 32-byte hash.</param>
    /// <exception cref="ArgumentException">The input does not start with the leaf prefix, or the destination is shorter than 32 bytes.</exception>
    internal static void LeafPrefixed(ReadOnlySpan<byte> prefixedEntry, Span<byte> destination)
    {
        CheckDestination(destination);
        if (prefixedEntry.IsEmpty || prefixedEntry[0] != LeafPrefix)
        {
            throw new ArgumentException("The leaf input must start with the 0x00 leaf prefix.", nameof(prefixedEntry));
        }

        Sha256Digest.Hash(prefixedEntry, destination);
    }

    /// <summary>Compares two 32-byte hashes in time that does not depend on where they differ (two vector loads, no byte loop).</summary>
    /// <returns><see langword="true"/> when both are 32 bytes long and equal.</returns>
    internal static bool HashEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != Size || b.Length != Size)
        {
            return false;
        }

        var diff = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(a)) ^ Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(b));
        return diff == Vector256<byte>.Zero;
    }

    /// <summary>Computes <c>SHA-256(0x00 || entry)</c>.</summary>
    /// <param name="entry">The leaf's data.</param>
    /// <returns>The 32-byte hash.</returns>
    public static byte[] Leaf(ReadOnlySpan<byte> entry)
    {
        var hash = new byte[Size];
        Leaf(entry, hash);
        return hash;
    }

    /// <summary>Computes <c>SHA-256(0x01 || left || right)</c>.</summary>
    /// <param name="left">The left child's 32-byte hash.</param>
    /// <param name="right">The right child's 32-byte hash.</param>
    /// <param name="destination">Receives the 32-byte hash; may be one of the inputs (they are read before it is written).</param>
    /// <exception cref="ArgumentException">A child hash is not 32 bytes long, or the destination is shorter.</exception>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        if (left.Length != Size || right.Length != Size)
        {
            throw new ArgumentException($"A Merkle child hash must be {Size} bytes long.");
        }

        CheckDestination(destination);
        Span<byte> buffer = stackalloc byte[1 + (2 * Size)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        Sha256Digest.Hash(buffer, destination);
    }

    /// <summary>Gets the root of the empty tree, <c>SHA-256("")</c> (RFC 9162 section 2.1.1).</summary>
    /// <returns>A new 32-byte array.</returns>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    private static void CheckDestination(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"The destination must hold {Size} bytes.", nameof(destination));
        }
    }
}
