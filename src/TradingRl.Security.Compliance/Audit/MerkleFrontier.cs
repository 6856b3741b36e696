namespace TradingRl.Security.Compliance.Audit;

/// <summary>The right edge of a Merkle tree (one complete-subtree hash per set bit of the size): O(log n) memory, for streaming verification.</summary>
internal sealed class MerkleFrontier
{
    private const int H = MerkleHash.Size;

    // Stack entries back to back in one array (64 levels of 32 bytes): complete subtrees, largest first.
    private readonly byte[] _hashes = new byte[64 * H];
    private int _depth;

    public long Count { get; private set; }

    public void Append(ReadOnlySpan<byte> leafHash)
    {
        // Merging follows the trailing ones of the old count; each merge hashes the top two entries into the lower one.
        leafHash.CopyTo(_hashes.AsSpan(_depth * H, H));
        _depth++;
        for (var c = Count; (c & 1) == 1; c >>= 1)
        {
            var left = _hashes.AsSpan((_depth - 2) * H, H);
            MerkleHash.Node(left, _hashes.AsSpan((_depth - 1) * H, H), left);
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

        var root = _hashes.AsSpan((_depth - 1) * H, H).ToArray();
        for (var i = _depth - 2; i >= 0; i--)
        {
            MerkleHash.Node(_hashes.AsSpan(i * H, H), root, root);
        }

        return root;
    }
}
