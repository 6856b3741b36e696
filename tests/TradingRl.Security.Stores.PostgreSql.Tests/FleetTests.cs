using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Encryption;
using TradingRl.Security.Incidents;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

/// <summary>Several hosts (separate service providers) sharing one PostgreSQL schema.</summary>
public sealed class FleetTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    [PostgreSqlFact]
    public async Task RotateAsync_OneTokenFromTwoHostsAtOnce_SucceedsOnceAndRevokesTheFamilyEverywhere()
    {
        await using var hostA = NewAuthHost();
        await using var hostB = NewAuthHost();
        var serviceA = hostA.GetRequiredService<RefreshTokenService>();
        var serviceB = hostB.GetRequiredService<RefreshTokenService>();
        var issued = await serviceA.IssueAsync("trader-7", "session-1");

        // 2 hosts x 12 racing refreshes with the same token.
        var attempts = Enumerable.Range(0, 24).Select(i => Task.Run(async () => await (i % 2 == 0 ? serviceA : serviceB).RotateAsync(issued.Token!)));
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.True(r.Status is RefreshStatus.Reused or RefreshStatus.Revoked, r.Status.ToString()));
        Assert.Contains(results, r => r.Status == RefreshStatus.Reused);

        // The reuse revoked the family on the shared store: the winner's new token is refused on both hosts.
        Assert.Equal(RefreshStatus.Revoked, (await serviceA.RotateAsync(winner.Token!)).Status);
        Assert.Equal(RefreshStatus.Revoked, (await serviceB.RotateAsync(winner.Token!)).Status);
    }

    [PostgreSqlFact]
    public async Task RotateAsync_TokenRotatedOnOneHost_NextTokenWorksOnTheOther()
    {
        await using var hostA = NewAuthHost();
        await using var hostB = NewAuthHost();
        var issued = await hostA.GetRequiredService<RefreshTokenService>().IssueAsync("trader-8", "session-2");

        var rotated = await hostA.GetRequiredService<RefreshTokenService>().RotateAsync(issued.Token!);
        var again = await hostB.GetRequiredService<RefreshTokenService>().RotateAsync(rotated.Token!);

        Assert.Equal(RefreshStatus.Succeeded, rotated.Status);
        Assert.Equal(RefreshStatus.Succeeded, again.Status);
        Assert.Equal(issued.Record!.FamilyId, again.Record!.FamilyId);
    }

    [PostgreSqlFact]
    public async Task RevokeAsync_OnOneHost_RefusesTheSubjectsTokensOnTheOther()
    {
        await using var hostA = NewAuthHost();
        await using var hostB = NewAuthHost();
        var issued = await hostA.GetRequiredService<RefreshTokenService>().IssueAsync("trader-9", "session-3");

        Assert.Equal(1, await hostB.GetRequiredService<RefreshTokenService>().RevokeAsync("trader-9"));

        Assert.Equal(RefreshStatus.Revoked, (await hostA.GetRequiredService<RefreshTokenService>().RotateAsync(issued.Token!)).Status);
    }

    [PostgreSqlFact]
    public async Task CreateAsync_SameUserNameOnTwoHostsAtOnce_CreatesOneAccountSeenByBoth()
    {
        await using var hostA = NewAuthHost();
        await using var hostB = NewAuthHost();
        var name = "desk.trader." + Guid.NewGuid().ToString("N")[..8];

        var results = await Task.WhenAll(
            Task.Run(async () => await hostA.GetRequiredService<IUserStore>().TryAddAsync(new UserAccount("s-a-" + name, name, "h", ["trader"], DateTimeOffset.UnixEpoch))),
            Task.Run(async () => await hostB.GetRequiredService<IUserStore>().TryAddAsync(new UserAccount("s-b-" + name, name, "h", ["trader"], DateTimeOffset.UnixEpoch))));

        Assert.Equal(1, results.Count(x => x));
        var seenA = await hostA.GetRequiredService<IUserStore>().FindByNameAsync(UserAccount.Normalize(name));
        var seenB = await hostB.GetRequiredService<IUserStore>().FindByNameAsync(UserAccount.Normalize(name));
        Assert.Equal(seenA!.Subject, seenB!.Subject);
    }

    [PostgreSqlFact]
    public async Task TrySaveAsync_SameIncidentVersionFromTwoHosts_OneWins()
    {
        await using var hostA = database.NewHost(b => b.AddIncidents());
        await using var hostB = database.NewHost(b => b.AddIncidents());
        var incident = new Incident { Id = "INC-20260105-1A2B3C4D", Version = 1, DedupKey = "fleet", Title = "t" };
        Assert.True(await hostA.GetRequiredService<IIncidentStore>().TrySaveAsync(incident));

        var results = await Task.WhenAll(
            Task.Run(async () => await hostA.GetRequiredService<IIncidentStore>().TrySaveAsync(incident with { Version = 2, Assignee = "a" })),
            Task.Run(async () => await hostB.GetRequiredService<IIncidentStore>().TrySaveAsync(incident with { Version = 2, Assignee = "b" })));

        Assert.Equal(1, results.Count(x => x));
        var stored = await hostB.GetRequiredService<IIncidentStore>().GetAsync(incident.Id);
        Assert.Equal(results[0] ? "a" : "b", stored!.Assignee);
    }

    [PostgreSqlFact]
    public async Task Rotate_TwoHostsAtOnce_OneRotationForTheFleetAndDataReadableOnBoth()
    {
        var schema = database.NewSchema();
        var masterKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray());
        var directory = Path.Combine(Path.GetTempPath(), "tradingrl-fleet-" + Guid.NewGuid().ToString("N"));
        try
        {
            ServiceProvider NewEncryptionHost() => database.NewHost(
                b => b.AddEncryption(o => { o.KeyRingDirectory = directory; o.MasterKey = masterKey; o.CreateIfMissing = true; }),
                o => o.Schema = schema);
            await using var hostA = NewEncryptionHost();
            await using var hostB = NewEncryptionHost();
            var rings = await Task.WhenAll(Task.Run(() => hostA.GetRequiredService<KeyRing>()), Task.Run(() => hostB.GetRequiredService<KeyRing>()));
            Assert.Equal(rings[0].CurrentKeyId, rings[1].CurrentKeyId);
            var first = rings[0].CurrentKeyId;

            var rotated = await Task.WhenAll(Task.Run(() => rings[0].Rotate("scheduled")), Task.Run(() => rings[1].Rotate("scheduled")));

            Assert.Equal(rotated[0].Id, rotated[1].Id);
            Assert.NotEqual(first, rotated[0].Id);
            Assert.Equal(2, rings[0].GetKeys().Count);
            Assert.Equal(2, rings[1].GetKeys().Count);
            var ciphertext = hostA.GetRequiredService<IEnvelopeEncryptor>().Encrypt("fill 7"u8, "orders"u8);
            Assert.Equal("fill 7"u8.ToArray(), hostB.GetRequiredService<IEnvelopeEncryptor>().Decrypt(ciphertext, "orders"u8));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private ServiceProvider NewAuthHost() => database.NewHost(b =>
    {
        b.Services.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
        b.AddAuth(o => { o.Issuer = "desk-gateway"; o.Audience = "trading-api"; });
    });
}
