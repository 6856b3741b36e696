using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>The behaviour every <see cref="IAccessTokenRevocation"/> must have (Auth's rule); derive it once per implementation.</summary>
public abstract class AccessTokenRevocationContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly string _idBase = Guid.NewGuid().ToString("N");
    private IAccessTokenRevocation? _revocation;
    private ISessionStore? _sessions;

    protected FakeTimeProvider Time { get; } = new(T0);

    protected SessionOptions Options { get; } = new() { IdleTimeout = TimeSpan.FromMinutes(30), AbsoluteTimeout = TimeSpan.FromHours(12) };

    protected InMemoryUserStore Users { get; } = new();

    protected ISessionStore Sessions => _sessions ??= CreateSessions();

    protected IAccessTokenRevocation Revocation => _revocation ??= CreateRevocation(Sessions, Users, Options, Time);

    protected abstract ISessionStore CreateSessions();

    protected abstract IAccessTokenRevocation CreateRevocation(ISessionStore sessions, IUserStore users, SessionOptions options, TimeProvider time);

    private async Task<(string Subject, string SessionId)> SignedInAsync(string name, DateTimeOffset? credentialsChangedAt = null)
    {
        var subject = "u_" + name + _idBase;
        Assert.True(await Users.TryAddAsync(new UserAccount(subject, name + _idBase, "hash", ["trader"], credentialsChangedAt ?? T0.AddMinutes(-10))));
        var sid = "s_" + name + _idBase;
        await Sessions.AddAsync(new SessionRecord(sid, subject, T0, T0, T0 + Options.AbsoluteTimeout));
        return (subject, sid);
    }

    [ContractFact]
    public async Task IsRevokedAsync_LiveSessionNewerToken_IsFalse()
    {
        var (sub, sid) = await SignedInAsync("live");
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_UnknownSessionOrUser_IsTrue()
    {
        var (sub, _) = await SignedInAsync("unknown");
        Assert.True(await Revocation.IsRevokedAsync(sub, "s_nope" + _idBase, T0));
        Assert.True(await Revocation.IsRevokedAsync("u_nobody" + _idBase, "s_nope" + _idBase, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_AnotherSubjectsSession_IsTrue()
    {
        var (sub, _) = await SignedInAsync("owner");
        var (_, otherSid) = await SignedInAsync("other");
        Assert.True(await Revocation.IsRevokedAsync(sub, otherSid, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_AfterTheSessionIsRevoked_IsTrueAtOnce()
    {
        var (sub, sid) = await SignedInAsync("revoked");
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
        Assert.True(await Sessions.RevokeAsync(sid, T0));
        Assert.True(await Revocation.IsRevokedAsync(sub, sid, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_IdleTimeout_ExactToTheTick()
    {
        var (sub, sid) = await SignedInAsync("idle");
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
        Time.Advance(Options.IdleTimeout - TimeSpan.FromTicks(1));
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
        Time.Advance(TimeSpan.FromTicks(1));
        Assert.True(await Revocation.IsRevokedAsync(sub, sid, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_TouchedSession_StaysLivePastTheFirstIdleTimeout()
    {
        var (sub, sid) = await SignedInAsync("touched");
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
        Time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await Sessions.TouchAsync(sid, Time.GetUtcNow()));
        Time.Advance(TimeSpan.FromMinutes(20));
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_AbsoluteTimeout_ExactToTheTick()
    {
        var (sub, sid) = await SignedInAsync("absolute");
        for (var i = 0; i < 23; i++)
        {
            Time.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(59));
            Assert.True(await Sessions.TouchAsync(sid, Time.GetUtcNow()));
        }

        Time.SetUtcNow(T0 + Options.AbsoluteTimeout - TimeSpan.FromTicks(1));
        Assert.True(await Sessions.TouchAsync(sid, Time.GetUtcNow()));
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
        Time.Advance(TimeSpan.FromTicks(1));
        Assert.True(await Revocation.IsRevokedAsync(sub, sid, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_TokenOlderThanTheLastCredentialChange_IsTrue()
    {
        var (sub, sid) = await SignedInAsync("credentials", credentialsChangedAt: T0);
        Assert.True(await Revocation.IsRevokedAsync(sub, sid, T0 - TimeSpan.FromTicks(1)));
        Assert.False(await Revocation.IsRevokedAsync(sub, sid, T0));
    }

    [ContractFact]
    public async Task IsRevokedAsync_NullArguments_Throw()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Revocation.IsRevokedAsync(null!, "s", T0));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Revocation.IsRevokedAsync("u", null!, T0));
    }
}
