namespace TradingRl.Security.Compliance.Tests.Portfolio;

/// <summary>The insert-only table of account and instrument states: lookups without the lock while it grows.</summary>
public sealed class KeyedStateTableTests
{
    [Fact]
    public void Lookups_UnknownAndKnownKeys_ExactAnswer()
    {
        var table = new KeyedStateTable<AccountState>();
        Assert.False(table.TryGetValue("a", out _));
        var a = table.GetOrAdd("a", static id => new AccountState(new TradingAccount(id, 1m)), "a", out var added);
        Assert.True(added);
        Assert.Same(a, table.GetOrAdd("a", static _ => throw new InvalidOperationException("made twice"), 0, out added));
        Assert.False(added);
        Assert.False(table.TryGetValue("A", out _));
        Assert.False(table.TryGetValue("a ", out _));
        Assert.True(table.TryGetValue(new string('a', 1), out var found) && ReferenceEquals(a, found));
    }

    [Fact]
    public async Task ReadersDuringGrowth_AlwaysFindEveryStateAddedBefore_AndNeverAnother()
    {
        var table = new KeyedStateTable<AccountState>();
        var published = 0;
        const int Total = 20_000;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Total; i++)
            {
                table.GetOrAdd($"acct-{i}", static id => new AccountState(new TradingAccount(id, 1m)), $"acct-{i}", out _);
                Volatile.Write(ref published, i + 1);
            }
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            var misses = 0;
            while (Volatile.Read(ref published) < Total)
            {
                var known = Volatile.Read(ref published);
                if (known == 0)
                {
                    continue;
                }

                var key = $"acct-{random.Next(known)}";
                if (!table.TryGetValue(key, out var state) || state.Key != key)
                {
                    misses++;
                }

                Assert.False(table.TryGetValue($"acct-{Total + random.Next(1000)}", out _));
            }

            return misses;
        })).ToArray();

        await writer;
        var misses = await Task.WhenAll(readers);
        Assert.Equal(new[] { 0, 0 }, misses);
        Assert.Equal(Total, table.Count);
        Assert.Equal(Total, table.Values.Count());
    }
}
