using System.Security.Cryptography;
using System.Text;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Auth.Mfa;

/// <summary>Enrols TOTP authenticators and checks codes and recovery codes: a window of at most one step, no replays, exact digits, constant-time comparison and a per-user attempt limit.</summary>
/// <remarks>Thread-safe. Secrets are stored only as <see cref="ISecretProtector"/> output, bound to the purpose <c>auth.totp/{subject}</c>.</remarks>
public sealed class TotpAuthenticator
{
    private const int SecretBytes = 20;
    private const int RecoveryCodeBytes = 10;

    private readonly AuthOptions _options;
    private readonly IMfaStore _store;
    private readonly ISecretProtector _protector;
    private readonly ISlidingWindowCounterStore _counters;
    private readonly TimeProvider _time;
    private readonly ISecurityEventPublisher? _events;

    /// <summary>Initializes the authenticator.</summary>
    /// <param name="options">The Auth settings (TOTP section and issuer).</param>
    /// <param name="store">The enrolment store.</param>
    /// <param name="protector">Encrypts TOTP secrets at rest.</param>
    /// <param name="counters">Counts wrong codes per user.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="events">Receives <c>auth.mfa.failed</c> and <c>auth.mfa.enrolled</c>; none when omitted.</param>
    public TotpAuthenticator(AuthOptions options, IMfaStore store, ISecretProtector protector, ISlidingWindowCounterStore counters, TimeProvider timeProvider, ISecurityEventPublisher? events = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _store = store;
        _protector = protector;
        _counters = counters;
        _time = timeProvider;
        _events = events;
    }

    /// <summary>Enrols (or replaces) a user's authenticator and makes new recovery codes.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="accountName">The label shown in the authenticator app, e.g. the user name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The secret, the enrolment URI and the recovery codes, to show once.</returns>
    public async ValueTask<TotpEnrollmentResult> EnrollAsync(string subject, string accountName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        var o = _options.Totp;
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        try
        {
            var codes = new string[o.RecoveryCodeCount];
            var hashes = new string[codes.Length];
            for (var i = 0; i < codes.Length; i++)
            {
                var raw = Base32.Encode(RandomNumberGenerator.GetBytes(RecoveryCodeBytes));
                codes[i] = $"{raw[..4]}-{raw[4..8]}-{raw[8..12]}-{raw[12..]}";
                hashes[i] = HashRecoveryCode(codes[i]);
            }

            var enrollment = new MfaEnrollment(_protector.Protect(secret, Purpose(subject)), o.Algorithm, o.Digits, -1, hashes);
            await _store.SetAsync(subject, enrollment, cancellationToken).ConfigureAwait(false);
            var base32 = Base32.Encode(secret);
            var label = Uri.EscapeDataString(_options.Issuer) + ":" + Uri.EscapeDataString(accountName);
            var algorithm = o.Algorithm switch { TotpAlgorithm.Sha256 => "SHA256", TotpAlgorithm.Sha512 => "SHA512", _ => "SHA1" };
            var uri = $"otpauth://totp/{label}?secret={base32}&issuer={Uri.EscapeDataString(_options.Issuer)}&algorithm={algorithm}&digits={o.Digits}&period=30";
            await PublishAsync(SecurityEventTypes.MfaEnrolled, subject, SecurityOutcome.Success, null, cancellationToken).ConfigureAwait(false);
            return new TotpEnrollmentResult(base32, uri, codes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Tells whether a user has an authenticator enrolled.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when enrolled.</returns>
    public async ValueTask<bool> IsEnrolledAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return await _store.GetAsync(subject, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Checks a TOTP code.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="code">The code as typed: exactly the enrolled number of ASCII digits.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome; never throws on a bad code.</returns>
    public async ValueTask<MfaResult> VerifyAsync(string subject, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(code);
        var now = _time.GetUtcNow();
        if (await IsLimitedAsync(subject, now, cancellationToken).ConfigureAwait(false))
        {
            return await FailAsync(subject, MfaResult.TooManyAttempts, now, cancellationToken).ConfigureAwait(false);
        }

        var enrollment = await _store.GetAsync(subject, cancellationToken).ConfigureAwait(false);
        if (enrollment is null)
        {
            return MfaResult.NotEnrolled;
        }

        if (!await TryReserveAttemptAsync(subject, now, cancellationToken).ConfigureAwait(false))
        {
            return await FailAsync(subject, MfaResult.TooManyAttempts, now, cancellationToken).ConfigureAwait(false);
        }

        if (!IsDigits(code, enrollment.Digits))
        {
            return await FailAsync(subject, MfaResult.Invalid, now, cancellationToken).ConfigureAwait(false);
        }

        var matched = Match(enrollment, subject, code, Totp.GetTimeStep(now));
        if (matched is null)
        {
            return await FailAsync(subject, MfaResult.Invalid, now, cancellationToken).ConfigureAwait(false);
        }

        // RFC 6238 section 5.2: a code for a step at or before the last accepted one is a replay, also when two race.
        if (matched <= enrollment.LastAcceptedStep || !await _store.TryAdvanceStepAsync(subject, matched.Value, cancellationToken).ConfigureAwait(false))
        {
            return await FailAsync(subject, MfaResult.Replayed, now, cancellationToken).ConfigureAwait(false);
        }

        await _counters.ResetAsync(CounterKey(subject), cancellationToken).ConfigureAwait(false);
        return MfaResult.Succeeded;
    }

    /// <summary>Redeems a single-use recovery code in place of a TOTP code.</summary>
    /// <param name="subject">The subject id.</param>
    /// <param name="code">The recovery code (dashes and case are ignored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome; a used code is <see cref="MfaResult.Invalid"/>.</returns>
    public async ValueTask<MfaResult> RedeemRecoveryCodeAsync(string subject, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(code);
        var now = _time.GetUtcNow();
        if (await IsLimitedAsync(subject, now, cancellationToken).ConfigureAwait(false))
        {
            return await FailAsync(subject, MfaResult.TooManyAttempts, now, cancellationToken).ConfigureAwait(false);
        }

        if (await _store.GetAsync(subject, cancellationToken).ConfigureAwait(false) is null)
        {
            return MfaResult.NotEnrolled;
        }

        if (!await TryReserveAttemptAsync(subject, now, cancellationToken).ConfigureAwait(false))
        {
            return await FailAsync(subject, MfaResult.TooManyAttempts, now, cancellationToken).ConfigureAwait(false);
        }

        if (code.Length > 64 || !await _store.TryUseRecoveryCodeAsync(subject, HashRecoveryCode(code), cancellationToken).ConfigureAwait(false))
        {
            return await FailAsync(subject, MfaResult.Invalid, now, cancellationToken).ConfigureAwait(false);
        }

        await _counters.ResetAsync(CounterKey(subject), cancellationToken).ConfigureAwait(false);
        return MfaResult.Succeeded;
    }

    internal static string HashRecoveryCode(string code)
    {
        var normalized = code.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return Tokens.SigningKey.Base64UrlEncode(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    private static bool IsDigits(string code, int digits)
    {
        if (code.Length != digits)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private long? Match(MfaEnrollment enrollment, string subject, string code, long current)
    {
        var secret = _protector.Unprotect(enrollment.ProtectedSecret, Purpose(subject));
        try
        {
            Span<char> expected = stackalloc char[8];
            Span<byte> a = stackalloc byte[8];
            Span<byte> b = stackalloc byte[8];
            for (var i = 0; i < code.Length; i++)
            {
                b[i] = (byte)code[i];
            }

            long? matched = null;
            var window = _options.Totp.Window;

            // Every step in the window is computed and compared, match or not, so timing does not tell which step matched.
            for (var step = current - window; step <= current + window; step++)
            {
                Totp.WriteCode(secret, step, enrollment.Digits, enrollment.Algorithm, expected);
                for (var i = 0; i < enrollment.Digits; i++)
                {
                    a[i] = (byte)expected[i];
                }

                if (CryptographicOperations.FixedTimeEquals(a[..enrollment.Digits], b[..enrollment.Digits]))
                {
                    matched = step;
                }
            }

            return matched;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private async ValueTask<bool> IsLimitedAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        await _counters.CountAsync(CounterKey(subject), now, _options.Totp.AttemptWindow, cancellationToken).ConfigureAwait(false) >= _options.Totp.MaxAttempts;

    // The attempt is counted before the code is checked (a success clears the count), so concurrent guesses cannot all pass the
    // limit check before any failure is recorded: at most MaxAttempts codes are checked per window, however many race.
    private async ValueTask<bool> TryReserveAttemptAsync(string subject, DateTimeOffset now, CancellationToken cancellationToken) =>
        await _counters.IncrementAsync(CounterKey(subject), now, _options.Totp.AttemptWindow, cancellationToken).ConfigureAwait(false) <= _options.Totp.MaxAttempts;

    private async ValueTask<MfaResult> FailAsync(string subject, MfaResult result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PublishAsync(SecurityEventTypes.MfaFailed, subject, SecurityOutcome.Failure, result.ToString(), cancellationToken).ConfigureAwait(false);
        return result;
    }

    private ValueTask PublishAsync(SecurityEventDescriptor type, string subject, SecurityOutcome outcome, string? reason, CancellationToken cancellationToken) =>
        AuthEvents.PublishAsync(_events, type, _time.GetUtcNow(), subject, outcome, reason, cancellationToken);

    private static string Purpose(string subject) => "auth.totp/" + subject;

    private static string CounterKey(string subject) => "mfa-failures/" + subject;
}
