using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Tests.Tokens;

namespace TradingRl.Security.Auth.Tests.RefreshTokens;

public sealed class RefreshTokenServiceTests
{
    private readonly FakeTimeProvider _time = new(TokenFixture.Start);
    private readonly InMemoryRefreshTokenStore _store = new();
    private readonly AccessTokenValidatorTests.RecordingPublisher _events = new();
    private readonly RefreshTokenService _service;

    public RefreshTokenServiceTests() => _service = new RefreshTokenService(new RefreshTokenOptions(), _store, _time, _events);

    [Fact]
    public async Task IssueAsync_Token_Is256BitOpaqueAndStoredOnlyHashed()
    {
        var issued = await _service.IssueAsync("alice", "s-1");
        Assert.Matches("^rt_[A-Za-z0-9_-]{43}$", issued.Token);
        Assert.Null(await _store.FindAsync(issued.Token!));
        var record = await _store.FindAsync(RefreshTokenService.Hash(issued.Token!));
        Assert.NotNull(record);
        Assert.DoesNotContain(issued.Token!, record.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateAsync_FreshToken_NewTokenSameFamily()
    {
        var first = await _service.IssueAsync("alice", "s-1");
        var second = await _service.RotateAsync(first.Token!);
        Assert.Equal(RefreshStatus.Succeeded, second.Status);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(first.Record!.FamilyId, second.Record!.FamilyId);
        Assert.Equal(first.Record.FamilyExpiresAt, second.Record.FamilyExpiresAt);
    }

    [Fact]
    public async Task RotateAsync_UsedTokenPresentedAgain_RevokesFamilyAndRaisesCriticalEvent()
    {
        var first = await _service.IssueAsync("alice", "s-1");
        var second = await _service.RotateAsync(first.Token!);
        var replay = await _service.RotateAsync(first.Token!);
        Assert.Equal(RefreshStatus.Reused, replay.Status);
        Assert.Equal(RefreshStatus.Revoked, (await _service.RotateAsync(second.Token!)).Status);
        var e = Assert.Single(_events.Events, x => x.Type == "auth.refresh.reused");
        Assert.Equal(Events.SecuritySeverity.Critical, e.Severity);
        Assert.Equal("alice", e.Actor);
    }

    [Fact]
    public async Task RotateAsync_TwoConcurrentRefreshes_ExactlyOneSucceeds()
    {
        for (var round = 0; round < 50; round++)
        {
            var token = (await _service.IssueAsync("alice", "s-" + round)).Token!;
            using var start = new ManualResetEventSlim();
            var tasks = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await _service.RotateAsync(token);
            })).ToArray();
            start.Set();
            var results = await Task.WhenAll(tasks);
            Assert.Equal(1, results.Count(r => r.Succeeded));
            Assert.Equal(1, results.Count(r => r.Status == RefreshStatus.Reused));
        }
    }

    [Fact]
    public async Task RotateAsync_IdleExpiry_Expired_WithoutRaisingReuse()
    {
        var first = await _service.IssueAsync("alice", "s-1");
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(RefreshStatus.Expired, (await _service.RotateAsync(first.Token!)).Status);
        Assert.Equal(RefreshStatus.Expired, (await _service.RotateAsync(first.Token!)).Status);
        Assert.Empty(_events.Events);
    }

    [Fact]
    public async Task RotateAsync_AbsoluteExpiry_ExpiredEvenWhenRotatedOften()
    {
        var token = (await _service.IssueAsync("alice", "s-1")).Token!;
        for (var i = 0; i < 12 * 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(20));
            var r = await _service.RotateAsync(token);
            if (i < 35)
            {
                Assert.True(r.Succeeded, $"rotation {i}");
                token = r.Token!;
            }
            else
            {
                Assert.Equal(RefreshStatus.Expired, r.Status);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("rt_")]
    [InlineData("rt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xx_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task RotateAsync_UnknownOrMalformed_Invalid(string token)
    {
        Assert.Equal(RefreshStatus.Invalid, (await _service.RotateAsync(token)).Status);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await _service.RotateAsync(null!));
    }

    [Fact]
    public async Task RevokeAsync_Session_FamilyRevoked()
    {
        var t = await _service.IssueAsync("alice", "s-1");
        var other = await _service.IssueAsync("alice", "s-2");
        Assert.Equal(1, await _service.RevokeAsync("alice", "s-1"));
        Assert.Equal(RefreshStatus.Revoked, (await _service.RotateAsync(t.Token!)).Status);
        Assert.True((await _service.RotateAsync(other.Token!)).Succeeded);
    }
}
