using System.Globalization;
using StackExchange.Redis;
using TradingRl.Security.Auth.SignIn;

namespace TradingRl.Security.Stores.Redis;

/// <summary>An <see cref="IMfaChallengeStore"/> in Redis, so a sign-in whose password step ran on one host can complete its second factor on another.</summary>
/// <remarks>
/// A challenge is a hash <c>{prefix}mfa-challenge:{challenge hash}</c> written by one Lua script (replacing any
/// earlier one) and expiring <see cref="RedisStoreOptions.ExpiryMargin"/> after its lifetime; whether it has lapsed is
/// still decided by the sign-in service on <see cref="MfaChallenge.ExpiresAt"/>. Taking it is one <c>DEL</c>, so exactly
/// one caller across the fleet succeeds. Fails with <see cref="RedisStoreUnavailableException"/> when Redis is unreachable.
/// </remarks>
public sealed class RedisMfaChallengeStore : IMfaChallengeStore
{
    private const string AddScript = """
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'sub', ARGV[1], 'pv', ARGV[2], 'ex', ARGV[3])
        if ARGV[4] == '1' then redis.call('HSET', KEYS[1], 'src', ARGV[5]) end
        redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]))
        return 1
        """;

    private static readonly RedisValue[] Fields = ["sub", "pv", "ex", "src"];
    private readonly RedisConnection _connection;

    /// <summary>Initializes the store.</summary>
    /// <param name="connection">The shared connection.</param>
    public RedisMfaChallengeStore(RedisConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask AddAsync(MfaChallenge challenge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        cancellationToken.ThrowIfCancellationRequested();
        var lifetime = challenge.ExpiresAt - challenge.PasswordVerifiedAt;
        var ttl = (lifetime > TimeSpan.Zero ? lifetime : TimeSpan.Zero) + _connection.Options.ExpiryMargin;
        RedisValue[] args =
        [
            challenge.Subject,
            Ticks(challenge.PasswordVerifiedAt),
            Ticks(challenge.ExpiresAt),
            challenge.SourceAddress is null ? "0" : "1",
            challenge.SourceAddress ?? string.Empty,
            (long)ttl.TotalMilliseconds,
        ];
        try
        {
            await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).ScriptEvaluateAsync(AddScript, [Key(challenge.ChallengeHash)], args).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "mfa-challenge.add");
        }
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    /// <exception cref="FormatException">The stored challenge is malformed (tampered).</exception>
    public async ValueTask<MfaChallenge?> GetAsync(string challengeHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeHash);
        cancellationToken.ThrowIfCancellationRequested();
        RedisValue[] v;
        try
        {
            v = await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).HashGetAsync(Key(challengeHash), Fields).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "mfa-challenge.get");
        }

        if (v[0].IsNull)
        {
            return null;
        }

        if (!long.TryParse(v[1].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var verified)
            || !long.TryParse(v[2].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || verified > DateTimeOffset.MaxValue.UtcTicks || expires > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new FormatException("An MFA challenge in Redis is malformed (tampered, or written by something else under the key prefix); the sign-in must start again.");
        }

        return new MfaChallenge(challengeHash, v[0]!, new DateTimeOffset(verified, TimeSpan.Zero), new DateTimeOffset(expires, TimeSpan.Zero), v[3].IsNull ? null : v[3].ToString());
    }

    /// <inheritdoc/>
    /// <exception cref="RedisStoreUnavailableException">Redis is unreachable or too slow.</exception>
    public async ValueTask<bool> TryRemoveAsync(string challengeHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challengeHash);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await (await _connection.GetDatabaseAsync().ConfigureAwait(false)).KeyDeleteAsync(Key(challengeHash)).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisConnection.IsUnavailable(ex))
        {
            throw _connection.Unavailable(ex, "mfa-challenge.remove");
        }
    }

    private static string Ticks(DateTimeOffset t) => t.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    private RedisKey Key(string challengeHash) => _connection.Key("mfa-challenge:", challengeHash);
}
