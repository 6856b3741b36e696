using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Encryption;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Incidents;
using TradingRl.Security.Stores.PostgreSql;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

[Collection(ServerOutageGroup.Name)]
public sealed class OutageTests(PostgreSqlDatabase database) : IClassFixture<PostgreSqlDatabase>
{
    [PostgreSqlOutageFact]
    public async Task Stores_ServerStoppedAndRestarted_FailClosedWithATypedErrorAndMetricThenRecoverWithNothingLost()
    {
        await using var host = database.NewHost(b =>
        {
            b.Services.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
            b.AddAuth(o => { o.Issuer = "desk-gateway"; o.Audience = "trading-api"; }).AddIncidents();
        });
        var refresh = host.GetRequiredService<RefreshTokenService>();
        var users = host.GetRequiredService<IUserStore>();
        var incidents = host.GetRequiredService<IIncidentStore>();
        var issued = await refresh.IssueAsync("trader-outage", "session-1");
        Assert.True(await users.TryAddAsync(new UserAccount("sub-outage", "outage.trader", "h", ["trader"], DateTimeOffset.UnixEpoch)));
        var incident = new Incident { Id = "INC-20260105-0BADF00D", Version = 1, DedupKey = "outage", Title = "t" };
        Assert.True(await incidents.TrySaveAsync(incident));
        var keyRingStore = host.GetRequiredService<IKeyRingStore>();
        Assert.True(keyRingStore.TryReplace(ReadOnlySpan<byte>.Empty, "ring-1"u8));
        var auditStore = host.GetRequiredService<IAuditStore>();
        await using var trail = new AuditTrail(auditStore, Microsoft.Extensions.Options.Options.Create(new AuditTrailOptions { InMemory = true }));
        var acknowledged = await trail.AppendAsync(new Events.SecurityEvent("compliance.order.checked", Events.SecuritySeverity.Info, DateTimeOffset.UnixEpoch));

        var unavailable = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == TradingSecurityTelemetry.Name && i.Name == PostgreSqlStoreTelemetry.Unavailable)
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            lock (unavailable)
            {
                unavailable.Add(string.Join(",", tags.ToArray().Select(t => t.Key + "=" + t.Value)));
            }
        });
        listener.Start();

        await ServerOutage.StopPostgreSqlAsync();
        try
        {
            var rotate = await Assert.ThrowsAsync<PostgreSqlStoreUnavailableException>(async () => await refresh.RotateAsync(issued.Token!));
            Assert.Contains("refresh-token", rotate.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PostgreSqlStoreUnavailableException>(async () => await users.FindByNameAsync("outage.trader"));
            var save = await Assert.ThrowsAsync<IncidentStoreException>(async () => await incidents.TrySaveAsync(incident with { Version = 2 }));
            Assert.IsType<PostgreSqlStoreUnavailableException>(save.InnerException);
            var ring = Assert.Throws<KeyRingException>(() => keyRingStore.TryReplace("ring-1"u8, "ring-2"u8));
            Assert.Equal(KeyRingFailureReason.StorageFailed, ring.Reason);
            var audit = await Assert.ThrowsAsync<AuditStoreException>(async () => await trail.AppendAsync(new Events.SecurityEvent("compliance.order.checked", Events.SecuritySeverity.Info, DateTimeOffset.UnixEpoch)));
            Assert.IsType<PostgreSqlStoreUnavailableException>(audit.InnerException);
        }
        finally
        {
            await ServerOutage.StartPostgreSqlAsync();
        }

        lock (unavailable)
        {
            Assert.Contains("store=refresh-token,operation=find a token", unavailable);
            Assert.Contains("store=user,operation=find an account by name", unavailable);
            Assert.Contains("store=incident,operation=save an incident", unavailable);
        }

        // Nothing acknowledged before the outage was lost, and the refused refresh did not consume the token.
        Assert.Equal(RefreshStatus.Succeeded, (await refresh.RotateAsync(issued.Token!)).Status);
        Assert.Equal("sub-outage", (await users.FindByNameAsync("outage.trader"))!.Subject);
        Assert.True(await incidents.TrySaveAsync(incident with { Version = 2 }));
        Assert.Equal("ring-1"u8.ToArray(), keyRingStore.Read());
        Assert.Equal(1, (await trail.AppendAsync(new Events.SecurityEvent("compliance.order.checked", Events.SecuritySeverity.Info, DateTimeOffset.UnixEpoch))).Sequence);
        var verified = await AuditLogVerifier.VerifyAsync(auditStore, trail.PublicKey);
        Assert.True(verified.IsValid, verified.ToString());
        Assert.Equal(acknowledged.Sequence + 2, verified.RecordCount);
    }
}
