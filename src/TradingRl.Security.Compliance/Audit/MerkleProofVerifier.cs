using System.Security.Cryptography;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Verifies RFC 9162 inclusion and consistency proofs, with the strict rules of the transparency-dev reference verifier.</summary>
/// <remarks>
/// Thread-safe. Never throws on a bad proof: a malformed, truncated, padded or wrong proof verifies as <see langword="false"/>.
/// Policies beyond the RFC text: a consistency proof from size 0 is refused (it proves nothing, see google/trillian#245);
/// equal sizes need an empty proof and equal roots; every hash must be exactly 32 bytes; the proof length must be exact.
/// </remarks>
public static class MerkleProofVerifier
{
    /// <summary>Verifies that a leaf is in a tree (RFC 9162 section 2.1.3.2).</summary>
    /// <param name="leafIndex">The 0-based leaf index.</param>
    /// <param name="treeSize">The tree size the proof is for.</param>
    /// <param name="leafHash">The leaf hash, <c>SHA-256(0x00 || entry)</c>.</param>
    /// <param name="proof">The audit path, leaf to root.</param>
    /// <param name="rootHash">The expected root hash of the tree of <paramref name="treeSize"/> leaves.</param>
    /// <returns><see langword="true"/> when the proof holds.</returns>
    public static bool VerifyInclusion(long leafIndex, long treeSize, ReadOnlySpan<byte> leafHash, IReadOnlyList<ReadOnlyMemory<byte>> proof, ReadOnlySpan<byte> rootHash)
    {
        if (proof is null || leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize ||
            leafHash.Length != MerkleHash.Size || rootHash.Length != MerkleHash.Size)
        {
            return false;
        }

        // The exact path length for this index and size: every extra or missing hash is refused before hashing.
        if (proof.Count != InclusionPathLength(leafIndex, treeSize))
        {
            return false;
        }

        Span<byte> r = stackalloc byte[MerkleHash.Size];
        Span<byte> t = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        var fn = leafIndex;
        var sn = treeSize - 1;
        foreach (var p in proof)
        {
            if (p.Length != MerkleHash.Size || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p.Span, r, t);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(r, p.Span, t);
            }

            t.CopyTo(r);
            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, rootHash);
    }

    /// <summary>Verifies that the tree of <paramref name="size2"/> leaves extends the tree of <paramref name="size1"/> leaves (RFC 9162 section 2.1.4.2).</summary>
    /// <param name="size1">The older, smaller tree size (at least 1).</param>
    /// <param name="size2">The newer tree size.</param>
    /// <param name="root1">The root hash at <paramref name="size1"/>.</param>
    /// <param name="root2">The root hash at <paramref name="size2"/>.</param>
    /// <param name="proof">The consistency proof.</param>
    /// <returns><see langword="true"/> when the proof holds.</returns>
    public static bool VerifyConsistency(long size1, long size2, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2, IReadOnlyList<ReadOnlyMemory<byte>> proof)
    {
        if (proof is null || size1 <= 0 || size2 < size1)
        {
            return false;
        }

        // Equal sizes: nothing to prove but that the roots are the same bytes (as the reference verifier does, whatever their length).
        if (size1 == size2)
        {
            return proof.Count == 0 && root1.SequenceEqual(root2);
        }

        if (root1.Length != MerkleHash.Size || root2.Length != MerkleHash.Size)
        {
            return false;
        }

        if (proof.Count != ConsistencyProofLength(size1, size2))
        {
            return false;
        }

        foreach (var p in proof)
        {
            if (p.Length != MerkleHash.Size)
            {
                return false;
            }
        }

        var fn = size1 - 1;
        var sn = size2 - 1;
        var start = 0;
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        Span<byte> t = stackalloc byte[MerkleHash.Size];

        // When size1 is a power of two the old root is itself a node of the new tree and is not sent (RFC 9162 2.1.4.2 step 2).
        if ((size1 & (size1 - 1)) == 0)
        {
            root1.CopyTo(fr);
            root1.CopyTo(sr);
        }
        else
        {
            proof[0].Span.CopyTo(fr);
            proof[0].Span.CopyTo(sr);
            start = 1;
        }

        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        for (var i = start; i < proof.Count; i++)
        {
            var c = proof[i].Span;
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, t);
                t.CopyTo(fr);
                MerkleHash.Node(c, sr, t);
                t.CopyTo(sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(sr, c, t);
                t.CopyTo(sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(fr, root1) && CryptographicOperations.FixedTimeEquals(sr, root2);
    }

    internal static int InclusionPathLength(long index, long size)
    {
        var length = 0;
        while (size > 1)
        {
            var k = MerkleTree.SplitPoint(size);
            if (index < k)
            {
                size = k;
            }
            else
            {
                index -= k;
                size -= k;
            }

            length++;
        }

        return length;
    }

    internal static int ConsistencyProofLength(long m, long n)
    {
        var length = 0;
        var complete = true;
        while (m != n)
        {
            var k = MerkleTree.SplitPoint(n);
            if (m <= k)
            {
                n = k;
            }
            else
            {
                m -= k;
                n -= k;
                complete = false;
            }

            length++;
        }

        return complete ? length : length + 1;
    }
}
