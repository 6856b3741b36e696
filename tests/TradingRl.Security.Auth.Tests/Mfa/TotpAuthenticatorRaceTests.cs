using TradingRl.Security.Testing;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Tests.Tokens;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Auth.Tests.Mfa;

public sealed class TotpAuthenticatorRaceTests
{
    [Fact]
    public async Task VerifyAsync_ConcurrentWrongCodes_AtMostMaxAttemptsAreChecked()
    {
        const int Callers = 20;
        var time = new FakeTimeProvider(TokenFixture.Start);
        var counters = new GatedCounters(Callers);
        var options = new AuthOptions { Issuer = "desk-gateway", Audience = "trading-api" };
        var totp = new TotpAuthenticator(options, new InMemoryMfaStore(), new FixedKeySecretProtector(), counters, time);
        await totp.EnrollAsync("alice", "alice");

        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(i => Task.Run(async () =>
            await totp.VerifyAsync("alice", (100000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        // Five guesses per window is the brute-force budget; every guess beyond it must be refused unchecked.
        Assert.True(results.Count(r => r is MfaResult.Invalid or MfaResult.Succeeded) <= options.Totp.MaxAttempts,
            $"{results.Count(r => r is MfaResult.Invalid or MfaResult.Succeeded)} codes were checked");
    }

    /// <summary>A real counter store whose reads wait until every caller has read: the interleaving a busy host produces.</summary>
    private sealed class GatedCounters(int callers) : ISlidingWindowCounterStore
    {
        private readonly InMemorySlidingWindowCounterStore _inner = new();
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public async ValueTask<long> CountAsync(string key, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
        {
            var count = await _inner.CountAsync(key, now, window, cancellationToken);
            if (Interlocked.Increment(ref _arrived) == callers)
            {
                _all.TrySetResult();
            }

            await _all.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return count;
        }

        public ValueTask<long> IncrementAsync(string key, DateTimeOffset timestamp, TimeSpan window, CancellationToken cancellationToken = default) =>
            _inner.IncrementAsync(key, timestamp, window, cancellationToken);

        public ValueTask ResetAsync(string key, CancellationToken cancellationToken = default) => _inner.ResetAsync(key, cancellationToken);
    }
}
