using System.Numerics;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>An append-only RFC 9162 Merkle tree over leaf hashes that keeps every complete subtree, so roots and proofs for any size cost O(log n).</summary>
/// <remarks>Not thread-safe: the audit trail serialises writers and takes a lock for readers. Memory: about 64 bytes per leaf.</remarks>
internal sealed class MerkleTree
{
    private const int H = MerkleHash.Size;

    // _levels[k] holds, back to back, the hashes of the complete subtrees of 2^k leaves, left to right:
    // node i of level k covers leaves [i * 2^k, (i + 1) * 2^k). Level 0 holds the leaf hashes.
    private readonly List<Level> _levels = [new Level()];

    /// <summary>Gets the number of leaves.</summary>
    public long Count { get; private set; }

    /// <summary>Returns the largest power of two smaller than <paramref name="n"/> (n &gt; 1), the RFC's split point k.</summary>
    public static long SplitPoint(long n) => (long)BitOperations.RoundUpToPowerOf2((ulong)n) >> 1;

    /// <summary>Appends one leaf hash.</summary>
    public void Append(ReadOnlySpan<byte> leafHash)
    {
        _levels[0].Add(leafHash);
        Count++;
        Span<byte> node = stackalloc byte[H];
        var level = 0;
        var index = Count - 1;
        while ((index & 1) == 1)
        {
            var lower = _levels[level];
            MerkleHash.Node(lower.Get(index - 1), lower.Get(index), node);
            level++;
            if (_levels.Count == level)
            {
                _levels.Add(new Level());
            }

            _levels[level].Add(node);
            index >>= 1;
        }
    }

    /// <summary>Drops every leaf from <paramref name="size"/> on (rollback of a failed commit).</summary>
    public void Truncate(long size)
    {
        if (size < 0 || size > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size));
        }

        for (var k = 0; k < _levels.Count; k++)
        {
            _levels[k].SetCount(size >> k);
        }

        Count = size;
    }

    /// <summary>Copies the hash of leaf <paramref name="index"/>.</summary>
    public byte[] LeafHash(long index)
    {
        CheckRange(index, Count);
        return _levels[0].Get(index).ToArray();
    }

    /// <summary>Returns the root hash of the first <paramref name="size"/> leaves.</summary>
    public byte[] Root(long size)
    {
        if (size < 0 || size > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The tree size must be between 0 and {Count}.");
        }

        return size == 0 ? MerkleHash.EmptyRoot() : Subtree(0, size);
    }

    /// <summary>Returns the audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves (RFC 9162 2.1.3.1).</summary>
    public List<ReadOnlyMemory<byte>> InclusionProof(long index, long size)
    {
        if (size <= 0 || size > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"The tree size must be between 1 and {Count}.");
        }

        CheckRange(index, size);
        var path = new List<ReadOnlyMemory<byte>>();
        Path(index, 0, size, path);
        return path;
    }

    /// <summary>Returns the consistency proof between sizes <paramref name="size1"/> and <paramref name="size2"/> (RFC 9162 2.1.4.1).</summary>
    public List<ReadOnlyMemory<byte>> ConsistencyProof(long size1, long size2)
    {
        if (size2 > Count || size2 < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size2), size2, $"The newer tree size must be between 1 and {Count}.");
        }

        if (size1 < 1 || size1 > size2)
        {
            throw new ArgumentOutOfRangeException(nameof(size1), size1, $"The older tree size must be between 1 and {size2}.");
        }

        var proof = new List<ReadOnlyMemory<byte>>();
        if (size1 < size2)
        {
            SubProof(size1, 0, size2, true, proof);
        }

        return proof;
    }

    private static void CheckRange(long index, long size)
    {
        if (index < 0 || index >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The leaf index must be between 0 and {size - 1}.");
        }
    }

    // MTH(D[start : start + n]); start is always a multiple of the largest power of two not above n in the RFC's decomposition.
    private byte[] Subtree(long start, long n)
    {
        if ((n & (n - 1)) == 0)
        {
            var k = BitOperations.Log2((ulong)n);
            return _levels[k].Get(start >> k).ToArray();
        }

        var split = SplitPoint(n);
        var result = new byte[H];
        MerkleHash.Node(Subtree(start, split), Subtree(start + split, n - split), result);
        return result;
    }

    private void Path(long m, long start, long n, List<ReadOnlyMemory<byte>> path)
    {
        if (n == 1)
        {
            return;
        }

        var k = SplitPoint(n);
        if (m < k)
        {
            Path(m, start, k, path);
            path.Add(Subtree(start + k, n - k));
        }
        else
        {
            Path(m - k, start + k, n - k, path);
            path.Add(Subtree(start, k));
        }
    }

    private void SubProof(long m, long start, long n, bool complete, List<ReadOnlyMemory<byte>> proof)
    {
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Subtree(start, m));
            }

            return;
        }

        var k = SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, k, complete, proof);
            proof.Add(Subtree(start + k, n - k));
        }
        else
        {
            SubProof(m - k, start + k, n - k, false, proof);
            proof.Add(Subtree(start, k));
        }
    }

    /// <summary>The hashes of one level in fixed pages of 2,048 (64 KiB, below the large object heap's threshold): growing never copies, and no page is a large object.</summary>
    private sealed class Level
    {
        private const int PageShift = 11;
        private const int PageHashes = 1 << PageShift;
        private const int PageMask = PageHashes - 1;
        private readonly List<byte[]> _pages = [];
        private long _count;

        public void Add(ReadOnlySpan<byte> hash)
        {
            var page = (int)(_count >> PageShift);
            if (page == _pages.Count)
            {
                _pages.Add(GC.AllocateUninitializedArray<byte>(PageHashes * H));
            }

            hash.CopyTo(_pages[page].AsSpan((int)(_count & PageMask) * H, H));
            _count++;
        }

        public ReadOnlySpan<byte> Get(long index) => _pages[(int)(index >> PageShift)].AsSpan((int)(index & PageMask) * H, H);

        public void SetCount(long count) => _count = count;
    }
}
