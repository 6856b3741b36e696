namespace TradingRl.Security.Compliance.Audit;

/// <summary>A proof that the log at a larger size extends the log at a smaller size unchanged (RFC 9162 consistency proof).</summary>
/// <remarks>Immutable. A witness holding the older signed root checks it before accepting the newer one.</remarks>
public sealed class ConsistencyProof
{
    internal ConsistencyProof(long size1, long size2, byte[] root1, byte[] root2, IReadOnlyList<ReadOnlyMemory<byte>> path)
    {
        Size1 = size1;
        Size2 = size2;
        Root1 = root1;
        Root2 = root2;
        Path = path;
    }

    /// <summary>Gets the older tree size.</summary>
    public long Size1 { get; }

    /// <summary>Gets the newer tree size.</summary>
    public long Size2 { get; }

    /// <summary>Gets the root hash at <see cref="Size1"/>.</summary>
    public ReadOnlyMemory<byte> Root1 { get; }

    /// <summary>Gets the root hash at <see cref="Size2"/>.</summary>
    public ReadOnlyMemory<byte> Root2 { get; }

    /// <summary>Gets the proof hashes.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Path { get; }

    /// <summary>Checks the proof against its own roots; compare them with signed checkpoints as well.</summary>
    /// <returns><see langword="true"/> when it holds.</returns>
    public bool Verify() => MerkleProofVerifier.VerifyConsistency(Size1, Size2, Root1.Span, Root2.Span, Path);
}
