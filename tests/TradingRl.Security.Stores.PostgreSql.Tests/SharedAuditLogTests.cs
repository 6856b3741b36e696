using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Tests;

/// <summary>Several hosts (separate service providers) appending to one audit log in one PostgreSQL schema.</summary>
public sealed class SharedAuditLogTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>, IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directories = new("tradingrl-audit-fleet");
    private readonly string _fleetKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<ServiceProvider> _hosts = [];
    private readonly List<AuditTrail> _trails = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var trail in _trails)
        {
            await trail.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose() => _directories.Dispose();

    [PostgreSqlFact]
    public async Task AppendAsync_FourHostsAtOnce_OneLogThatVerifiesWithEveryHostsCheckpointAndProofs()
    {
        const int Hosts = 4;
        const int PerHost = 30;
        var schema = database.NewSchema();
        var trails = Enumerable.Range(0, Hosts).Select(_ => Host(schema)).ToArray();

        // Every host appends from several tasks at once, singly and in ranges: the groups of the four hosts interleave.
        var results = await Task.WhenAll(trails.SelectMany((trail, h) => Enumerable.Range(0, PerHost / 3).Select(i => Task.Run(async () =>
        {
            var single = await trail.AppendAsync(Event(h, i * 3));
            var range = await trail.AppendRangeAsync(new[] { Event(h, (i * 3) + 1), Event(h, (i * 3) + 2) });
            return new[] { single.Sequence, range.Sequence, range.Sequence + 1 };
        }))));

        const int Total = Hosts * PerHost;
        Assert.Equal(Enumerable.Range(0, Total).Select(i => (long)i), results.SelectMany(r => r).Order());
        var store = _hosts[0].GetRequiredService<IAuditStore>();
        var checkpoints = new List<SignedCheckpoint>();
        foreach (var trail in trails)
        {
            var checkpoint = await trail.CheckpointAsync();
            Assert.Equal(Total, checkpoint.TreeSize);
            Assert.Equal(Total, trail.Count);
            Assert.True(checkpoint.Verify(trails[0].PublicKey.Span), "checkpoint signed with the fleet's key");
            Assert.Equal(trails[0].GetRootHash(Total), checkpoint.RootHash.ToArray());
            foreach (var seq in new long[] { 0, 1, 37, 64, Total - 1 })
            {
                var proof = trail.GetInclusionProof(seq);
                Assert.True(proof.Verify(), $"inclusion of #{seq}");
                Assert.Equal(checkpoint.RootHash.ToArray(), proof.RootHash.ToArray());
            }

            Assert.True(trail.GetConsistencyProof(PerHost, Total).Verify(), "consistency");
            checkpoints.Add(checkpoint);
        }

        var verified = await AuditLogVerifier.VerifyAsync(store, trails[0].PublicKey, checkpoints);
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(Total, verified.RecordCount);
        Assert.Equal(Hosts * 2, verified.CheckpointsVerified);
        Assert.True((await trails[3].VerifyAsync()).IsValid);

        // A record appended by host 0 is read back on host 3.
        var fromHost0 = 0;
        await foreach (var r in trails[3].QueryAsync(new AuditQuery { Actor = "host-0" }))
        {
            fromHost0++;
        }

        Assert.Equal(PerHost, fromHost0);
    }

    [PostgreSqlFact]
    public async Task AppendAsync_ForeignRecordTamperedInTheTable_NextAppendOnAnotherHostFailsClosed()
    {
        var schema = database.NewSchema();
        var hostA = Host(schema);
        var hostB = Host(schema);
        await hostB.OpenAsync();
        await hostA.AppendRangeAsync(new[] { Event(0, 0), Event(0, 1), Event(0, 2) });

        await ExecuteAsync(schema, "UPDATE {schema}.audit_records SET data = set_byte(data, length(data) - 1, get_byte(data, length(data) - 1) # 1) WHERE sequence = 1");

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var ex = await Assert.ThrowsAsync<AuditStoreException>(async () => await hostB.AppendAsync(Event(1, attempt)));
            var tampered = Assert.IsType<AuditLogTamperedException>(ex.InnerException);
            Assert.Equal(1, tampered.FirstBadSequence);
            Assert.Equal(0, hostB.Count);
        }

        var store = _hosts[0].GetRequiredService<IAuditStore>();
        var verified = await AuditLogVerifier.VerifyAsync(store, hostA.PublicKey);
        Assert.Equal(AuditVerificationStatus.RecordAltered, verified.Status);
        Assert.Equal(1, verified.FirstBadSequence);
        Assert.Equal(3, (await store.OpenAsync()).RecordCount);
    }

    [PostgreSqlFact]
    public async Task AppendAsync_ForeignRecordErasedAsIfPrunedWithoutRetention_NextAppendFailsClosed()
    {
        // No Retention is set, so no record may ever be pruned; yet setting data = NULL on a fresh record (what PruneAsync does)
        // is folded in silently ("checked by hash only") and the record's content is gone without any host noticing.
        var schema = database.NewSchema();
        var hostA = Host(schema);
        var hostB = Host(schema);
        await hostB.OpenAsync();
        await hostA.AppendRangeAsync(new[] { Event(0, 0), Event(0, 1), Event(0, 2) });

        await ExecuteAsync(schema, "UPDATE {schema}.audit_records SET data = NULL WHERE sequence = 1");

        var ex = await Record.ExceptionAsync(async () => await hostB.AppendAsync(Event(1, 0)));
        var store = _hosts[0].GetRequiredService<IAuditStore>();
        var verified = await AuditLogVerifier.VerifyAsync(store, hostA.PublicKey);

        Assert.True(ex is AuditStoreException { InnerException: AuditLogTamperedException } || verified.Status != AuditVerificationStatus.Valid,
            $"a record erased within retention went unnoticed: append {(ex is null ? "succeeded" : ex.GetType().Name)}, verifier: {verified.Message}");
    }

    [PostgreSqlFact]
    public async Task AppendAsync_ForeignCommitSignedByAnotherKey_NextAppendFailsClosed()
    {
        var schema = database.NewSchema();
        var hostA = Host(schema);
        var stranger = Host(schema, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        await hostA.OpenAsync();
        await stranger.AppendAsync(Event(9, 0));

        var ex = await Assert.ThrowsAsync<AuditStoreException>(async () => await hostA.AppendAsync(Event(0, 0)));

        Assert.IsType<AuditLogTamperedException>(ex.InnerException);
        Assert.Contains("SigningKey", ex.InnerException!.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AuditLogTamperedException>(async () => await Host(schema).OpenAsync());
    }

    [PostgreSqlFact]
    public async Task OpenAsync_HostRestarted_JoinsTheSharedLog()
    {
        var schema = database.NewSchema();
        var hostA = Host(schema);
        await using (var provider = database.NewHost(options: o => o.Schema = schema))
        {
            await using var hostB = Trail(provider.GetRequiredService<IAuditStore>(), _fleetKey);
            await hostA.AppendAsync(Event(0, 0));
            await hostB.AppendAsync(Event(1, 0));
            await hostA.AppendAsync(Event(0, 1));
        }

        var restarted = Host(schema);
        await restarted.OpenAsync();
        Assert.Equal(3, restarted.Count);
        var appended = await restarted.AppendAsync(Event(1, 1));
        await hostA.AppendAsync(Event(0, 2));

        Assert.Equal(3, appended.Sequence);
        Assert.Equal(5, await restarted.SynchronizeAsync());
        Assert.Equal(hostA.GetRootHash(5), restarted.GetRootHash(5));
        Assert.Equal(hostA.LatestCommit!.ToNote(), restarted.LatestCommit!.ToNote());
        var verified = await restarted.VerifyAsync();
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(5, verified.RecordCount);
    }

    private static SecurityEvent Event(int host, int n) =>
        new("compliance.order.checked", SecuritySeverity.Info, new DateTimeOffset(2026, 12, 3, 9, 0, n % 60, TimeSpan.Zero)) { Actor = "host-" + host };

    private static async Task ExecuteAsync(string schema, string sql)
    {
        await using var c = new NpgsqlConnection(PostgreSqlDatabase.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql.Replace("{schema}", "\"" + schema + "\"", StringComparison.Ordinal), c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>A host: its own service provider over the shared schema, its own audit directory, the fleet's signing key.</summary>
    private AuditTrail Host(string schema, string? key = null)
    {
        var provider = database.NewHost(options: o => o.Schema = schema);
        _hosts.Add(provider);
        var trail = Trail(provider.GetRequiredService<IAuditStore>(), key ?? _fleetKey);
        _trails.Add(trail);
        return trail;
    }

    private AuditTrail Trail(IAuditStore store, string key) =>
        new(store, Microsoft.Extensions.Options.Options.Create(new AuditTrailOptions { Directory = _directories.Sub(), SigningKey = key }),
            new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
}
