using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.Tests.Tokens;

namespace TradingRl.Security.Auth.Tests.Sessions;

public sealed class SessionManagerTests
{
    private readonly FakeTimeProvider _time = new(TokenFixture.Start);
    private readonly AccessTokenValidatorTests.RecordingPublisher _events = new();
    private readonly SessionManager _sessions;

    public SessionManagerTests() => _sessions = new SessionManager(new SessionOptions { MaxConcurrentSessions = 2 }, new InMemorySessionStore(), _time, _events);

    [Fact]
    public async Task GetLiveAsync_IdleThirtyMinutes_Ends_TouchExtends()
    {
        var s = await _sessions.CreateAsync("alice", ["pwd"]);
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await _sessions.TouchAsync(s.SessionId));
        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(await _sessions.GetLiveAsync(s.SessionId));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await _sessions.GetLiveAsync(s.SessionId));
        Assert.False(await _sessions.TouchAsync(s.SessionId));
    }

    [Fact]
    public async Task GetLiveAsync_AbsoluteTwelveHours_EndsEvenWhenActive()
    {
        var s = await _sessions.CreateAsync("alice", ["pwd"]);
        for (var i = 0; i < 47; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(15));
            Assert.True(await _sessions.TouchAsync(s.SessionId), $"touch {i}");
        }

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(await _sessions.GetLiveAsync(s.SessionId));
    }

    [Fact]
    public async Task CreateAsync_BeyondLimit_RevokesOldest()
    {
        var a = await _sessions.CreateAsync("alice", ["pwd"]);
        _time.Advance(TimeSpan.FromSeconds(1));
        var b = await _sessions.CreateAsync("alice", ["pwd"]);
        _time.Advance(TimeSpan.FromSeconds(1));
        var c = await _sessions.CreateAsync("alice", ["pwd"]);
        Assert.Null(await _sessions.GetLiveAsync(a.SessionId));
        Assert.NotNull(await _sessions.GetLiveAsync(b.SessionId));
        Assert.NotNull(await _sessions.GetLiveAsync(c.SessionId));
        Assert.Contains(_events.Events, e => e.Type == "auth.session.revoked" && e.GetProperty("reason") == "session-limit");
    }

    [Fact]
    public async Task RevokeAllAsync_KeepsOne_RevokesOthersOnce()
    {
        var a = await _sessions.CreateAsync("alice", ["pwd"]);
        var b = await _sessions.CreateAsync("alice", ["pwd"]);
        Assert.Equal(1, await _sessions.RevokeAllAsync("alice", "test", b.SessionId));
        Assert.Null(await _sessions.GetLiveAsync(a.SessionId));
        Assert.NotNull(await _sessions.GetLiveAsync(b.SessionId));
        Assert.False(await _sessions.RevokeAsync(a.SessionId, "again"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _sessions.CreateAsync(" ", ["pwd"]));
    }
}
