using TradingRl.Security.Encryption;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>What every <see cref="IKeyRingStore"/> promises; derive once per implementation.</summary>
public abstract class KeyRingStoreContract
{
    /// <summary>Makes an empty store under test (a ring store holds one ring, so each test needs its own).</summary>
    protected abstract IKeyRingStore CreateStore();

    [ContractFact]
    public void NewStore_IsEmptyAndReadsNull()
    {
        var store = CreateStore();

        Assert.True(store.IsEmpty());
        Assert.Null(store.Read());
    }

    [ContractFact]
    public void TryReplace_FirstRingOnce_SecondFirstRingRefused()
    {
        var store = CreateStore();

        Assert.True(store.TryReplace(ReadOnlySpan<byte>.Empty, "ring-1"u8));
        Assert.False(store.TryReplace(ReadOnlySpan<byte>.Empty, "ring-other"u8));

        Assert.False(store.IsEmpty());
        Assert.Equal("ring-1"u8.ToArray(), store.Read());
    }

    [ContractFact]
    public void TryReplace_FromTheStoredDocument_Succeeds_FromAStaleOne_WritesNothing()
    {
        var store = CreateStore();
        store.TryReplace(ReadOnlySpan<byte>.Empty, "ring-1"u8);

        Assert.True(store.TryReplace("ring-1"u8, "ring-2"u8));
        Assert.False(store.TryReplace("ring-1"u8, "ring-3"u8));
        Assert.False(store.TryReplace(ReadOnlySpan<byte>.Empty, "ring-4"u8));

        Assert.Equal("ring-2"u8.ToArray(), store.Read());
    }

    [ContractFact]
    public void TryReplace_ManyConcurrentWritersFromOneDocument_ExactlyOneWins()
    {
        var store = CreateStore();
        store.TryReplace(ReadOnlySpan<byte>.Empty, "ring-1"u8);
        var results = new bool[16];

        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = store.TryReplace("ring-1"u8, System.Text.Encoding.UTF8.GetBytes("ring-2-" + i)));

        var winner = Assert.Single(Enumerable.Range(0, results.Length), i => results[i]);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes("ring-2-" + winner), store.Read());
    }

    [ContractFact]
    public void Write_ReplacesWhateverIsStored()
    {
        var store = CreateStore();
        store.Write("one"u8);
        store.Write("two"u8);

        Assert.Equal("two"u8.ToArray(), store.Read());
        Assert.True(store.TryReplace("two"u8, "three"u8));
    }

    [ContractFact]
    public void Read_ReturnsACopy_CallerChangesDoNotReachTheStore()
    {
        var store = CreateStore();
        store.Write("ring"u8);

        var read = store.Read()!;
        read[0] = (byte)'X';

        Assert.Equal("ring"u8.ToArray(), store.Read());
    }
}
