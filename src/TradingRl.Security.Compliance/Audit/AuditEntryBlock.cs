using System.Collections;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>The records of one group commit as the writer made them: one array holding the encoded records, each after a 0x00 byte (the leaf prefix), then their leaf hashes.</summary>
/// <remarks>
/// Immutable once built. Reads as a list of <see cref="AuditStoreEntry"/> for any store, made on access; the stores of this
/// package read the spans directly (<see cref="Data"/>, <see cref="LeafHash"/>) and the in-memory store keeps the block
/// instead of one entry object per record, which the garbage collector would otherwise trace and promote.
/// </remarks>
internal sealed class AuditEntryBlock : IReadOnlyList<AuditStoreEntry>
{
    private readonly byte[] _block;
    private readonly int[] _ends;
    private readonly int _hashes;

    /// <summary>Copies the encoded records and hashes each from its 0x00 prefix byte.</summary>
    /// <param name="firstSequence">The sequence number of the first record.</param>
    /// <param name="encoded">The records back to back, each preceded by the byte 0x00.</param>
    /// <param name="ends">Where each record ends in <paramref name="encoded"/>; record i starts one byte after the end of record i - 1 (after 0 for the first).</param>
    public AuditEntryBlock(long firstSequence, ReadOnlySpan<byte> encoded, ReadOnlySpan<int> ends)
    {
        FirstSequence = firstSequence;
        _hashes = encoded.Length;

        // Every byte is written below (records by the copy, hashes by the hashing), so the array need not be zeroed.
        _block = GC.AllocateUninitializedArray<byte>(encoded.Length + (ends.Length * MerkleHash.Size));
        encoded.CopyTo(_block);
        _ends = ends.ToArray();
        for (var i = 0; i < _ends.Length; i++)
        {
            var start = i == 0 ? 0 : _ends[i - 1];
            MerkleHash.LeafPrefixed(_block.AsSpan(start, _ends[i] - start), _block.AsSpan(_hashes + (i * MerkleHash.Size), MerkleHash.Size));
        }
    }

    /// <summary>Gets the sequence number of the first record.</summary>
    public long FirstSequence { get; }

    /// <summary>Gets the number of records.</summary>
    public int Count => _ends.Length;

    /// <summary>Gets record <paramref name="index"/> as an entry (a new object over the block).</summary>
    public AuditStoreEntry this[int index] => new(FirstSequence + index, Data(index), LeafHash(index));

    /// <summary>Gets the encoded bytes of record <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> Data(int index)
    {
        var start = (index == 0 ? 0 : _ends[index - 1]) + 1;
        return new ReadOnlyMemory<byte>(_block, start, _ends[index] - start);
    }

    /// <summary>Gets the leaf hash of record <paramref name="index"/>.</summary>
    public ReadOnlyMemory<byte> LeafHash(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_ends.Length, nameof(index));
        return new ReadOnlyMemory<byte>(_block, _hashes + (index * MerkleHash.Size), MerkleHash.Size);
    }

    /// <inheritdoc/>
    public IEnumerator<AuditStoreEntry> GetEnumerator()
    {
        for (var i = 0; i < _ends.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
