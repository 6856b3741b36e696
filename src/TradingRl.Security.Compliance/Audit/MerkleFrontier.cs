namespace TradingRl.Security.Compliance.Audit;

/// <summary>The right edge of a Merkle tree (one complete-subtree hash per set bit of the size): O(log n) memory, for streaming verification.</summary>
internal sealed class MerkleFrontier
{
    private readonly byte[][] _hashes = new byte[64][];
    private readonly byte[] _scratch = new byte[MerkleHash.Size];
    private int _depth;

    public MerkleFrontier()
    {
        for (var i = 0; i < _hashes.Length; i++)
        {
            _hashes[i] = new byte[MerkleHash.Size];
        }
    }

    public long Count { get; private set; }

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        // Stack entries are complete subtrees, largest first; merging follows the trailing ones of the old count.
        leafHash.CopyTo(_hashes[_depth]);
        _depth++;
        for (var c = Count; (c & 1) == 1; c >>= 1)
        {
            MerkleHash.Node(_hashes[_depth - 2], _hashes[_depth - 1], _scratch);
            _scratch.CopyTo(_hashes[_depth - 2], 0);
            _depth--;
        }

        Count++;
    }

    public byte[] Root()
    {
        if (Count == 0)
        {
            return MerkleHash.EmptyRoot();
        }

        var root = (byte[])_hashes[_depth - 1].Clone();
        for (var i = _depth - 2; i >= 0; i--)
        {
            MerkleHash.Node(_hashes[i], root, _scratch);
            _scratch.CopyTo(root, 0);
        }

        return root;
    }
}
