using TradingRl.Security.Stores;

namespace TradingRl.Security.Auth.Lockout;

/// <summary>Counts sign-in failures per account and per source address in a sliding window and locks accounts with a growing duration.</summary>
/// <remarks>
/// Thread-safe. Keys are normalised sign-in names whether or not an account exists, so an unknown name locks and answers
/// exactly as a known one does (no account enumeration). More than <see cref="LockoutOptions.MaxFailures"/> failures in
/// <see cref="LockoutOptions.Window"/> lock; the n-th lockout lasts <see cref="LockoutOptions.LockoutDuration"/> × 2^(n-1),
/// at most <see cref="LockoutOptions.MaxLockoutDuration"/>.
/// </remarks>
public sealed class LoginThrottle
{
    private readonly LockoutOptions _options;
    private readonly ISlidingWindowCounterStore _counters;
    private readonly ILockoutStore _locks;
    private readonly TimeProvider _time;

    /// <summary>Initializes the throttle.</summary>
    /// <param name="options">The lockout settings.</param>
    /// <param name="counters">Core's sliding-window counters.</param>
    /// <param name="locks">The lock states.</param>
    /// <param name="timeProvider">The clock.</param>
    public LoginThrottle(LockoutOptions options, ISlidingWindowCounterStore counters, ILockoutStore locks, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(locks);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _counters = counters;
        _locks = locks;
        _time = timeProvider;
    }

    /// <summary>Tells whether an attempt on an account from an address may proceed.</summary>
    /// <param name="normalizedUserName">The normalised sign-in name.</param>
    /// <param name="sourceAddress">The address, when known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision.</returns>
    public async ValueTask<ThrottleDecision> CheckAsync(string normalizedUserName, string? sourceAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedUserName);
        var now = _time.GetUtcNow();
        var state = await _locks.GetAsync(AccountKey(normalizedUserName), cancellationToken).ConfigureAwait(false);
        if (state is not null && now < state.LockedUntil)
        {
            return new ThrottleDecision(false, state.LockedUntil, false);
        }

        if (sourceAddress is not null
            && await _counters.CountAsync(AddressKey(sourceAddress), now, _options.Window, cancellationToken).ConfigureAwait(false) >= _options.MaxFailuresPerAddress)
        {
            return new ThrottleDecision(false, null, true);
        }

        return new ThrottleDecision(true, null, false);
    }

    /// <summary>Records a failed attempt; locks the account when it passes the limit.</summary>
    /// <param name="normalizedUserName">The normalised sign-in name.</param>
    /// <param name="sourceAddress">The address, when known.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The end of the new lock when this failure locked the account; otherwise <see langword="null"/>.</returns>
    public async ValueTask<DateTimeOffset?> RecordFailureAsync(string normalizedUserName, string? sourceAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedUserName);
        var now = _time.GetUtcNow();
        if (sourceAddress is not null)
        {
            await _counters.IncrementAsync(AddressKey(sourceAddress), now, _options.Window, cancellationToken).ConfigureAwait(false);
        }

        var count = await _counters.IncrementAsync(FailureKey(normalizedUserName), now, _options.Window, cancellationToken).ConfigureAwait(false);
        if (count <= _options.MaxFailures)
        {
            return null;
        }

        var key = AccountKey(normalizedUserName);
        var previous = await _locks.GetAsync(key, cancellationToken).ConfigureAwait(false);
        var lockouts = (previous?.Lockouts ?? 0) + 1;
        var ticks = Math.Min(_options.LockoutDuration.Ticks * Math.Pow(2, Math.Min(lockouts - 1, 30)), _options.MaxLockoutDuration.Ticks);
        var until = now + TimeSpan.FromTicks((long)ticks);
        await _locks.SetAsync(key, new LockoutState(until, lockouts), cancellationToken).ConfigureAwait(false);

        // The window starts afresh after a lockout, so the next lock needs another burst of failures.
        await _counters.ResetAsync(FailureKey(normalizedUserName), cancellationToken).ConfigureAwait(false);
        return until;
    }

    /// <summary>Clears the failures and the lockout history after a successful sign-in.</summary>
    /// <param name="normalizedUserName">The normalised sign-in name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when cleared.</returns>
    public async ValueTask RecordSuccessAsync(string normalizedUserName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedUserName);
        await _counters.ResetAsync(FailureKey(normalizedUserName), cancellationToken).ConfigureAwait(false);
        await _locks.SetAsync(AccountKey(normalizedUserName), null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Locks an account now (administrator or incident containment).</summary>
    /// <param name="normalizedUserName">The normalised sign-in name.</param>
    /// <param name="duration">How long; <see langword="null"/> until <see cref="UnlockAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The end of the lock.</returns>
    public async ValueTask<DateTimeOffset> LockAsync(string normalizedUserName, TimeSpan? duration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normalizedUserName);
        var key = AccountKey(normalizedUserName);
        var previous = await _locks.GetAsync(key, cancellationToken).ConfigureAwait(false);
        var until = duration is { } d ? _time.GetUtcNow() + d : DateTimeOffset.MaxValue;
        await _locks.SetAsync(key, new LockoutState(until, (previous?.Lockouts ?? 0) + 1), cancellationToken).ConfigureAwait(false);
        return until;
    }

    /// <summary>Unlocks an account and clears its failures.</summary>
    /// <param name="normalizedUserName">The normalised sign-in name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when unlocked.</returns>
    public ValueTask UnlockAsync(string normalizedUserName, CancellationToken cancellationToken = default) => RecordSuccessAsync(normalizedUserName, cancellationToken);

    private static string AccountKey(string name) => "login-lock/user/" + name;

    private static string FailureKey(string name) => "login-failures/user/" + name;

    private static string AddressKey(string address) => "login-failures/address/" + address;
}
