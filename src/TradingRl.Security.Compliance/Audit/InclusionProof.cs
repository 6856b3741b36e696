using System.Text;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>A proof that one record is in the log at a given tree size (RFC 9162 audit path).</summary>
/// <remarks>Immutable. Anyone can check it with the record's leaf hash and a signed root, without the log.</remarks>
public sealed class InclusionProof
{
    internal InclusionProof(long leafIndex, long treeSize, byte[] leafHash, byte[] rootHash, IReadOnlyList<ReadOnlyMemory<byte>> path)
    {
        LeafIndex = leafIndex;
        TreeSize = treeSize;
        LeafHash = leafHash;
        RootHash = rootHash;
        Path = path;
    }

    /// <summary>Gets the record's sequence number.</summary>
    public long LeafIndex { get; }

    /// <summary>Gets the tree size the proof is for.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the record's leaf hash.</summary>
    public ReadOnlyMemory<byte> LeafHash { get; }

    /// <summary>Gets the root hash at <see cref="TreeSize"/>.</summary>
    public ReadOnlyMemory<byte> RootHash { get; }

    /// <summary>Gets the sibling hashes from the leaf up to the root.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Path { get; }

    /// <summary>Checks the proof against its own root; compare <see cref="RootHash"/> with a signed checkpoint's root as well.</summary>
    /// <returns><see langword="true"/> when it holds.</returns>
    public bool Verify() => MerkleProofVerifier.VerifyInclusion(LeafIndex, TreeSize, LeafHash.Span, Path, RootHash.Span);

    /// <inheritdoc/>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("record ").Append(LeafIndex).Append(" in tree size ").Append(TreeSize).Append('\n');
        sb.Append("leaf hash ").Append(Convert.ToHexStringLower(LeafHash.Span)).Append('\n');
        sb.Append("root hash ").Append(Convert.ToHexStringLower(RootHash.Span)).Append('\n');
        for (var i = 0; i < Path.Count; i++)
        {
            sb.Append("path[").Append(i).Append("] ").Append(Convert.ToHexStringLower(Path[i].Span)).Append('\n');
        }

        return sb.ToString();
    }
}
