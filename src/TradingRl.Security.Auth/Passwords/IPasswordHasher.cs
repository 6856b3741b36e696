namespace TradingRl.Security.Auth.Passwords;

/// <summary>Hashes passwords for storage and verifies passwords against stored hashes.</summary>
public interface IPasswordHasher
{
    /// <summary>Hashes a password with the configured policy.</summary>
    /// <param name="password">The password, as typed; it is normalised (NFKC), never trimmed or truncated.</param>
    /// <param name="cancellationToken">Cancels the wait for a hashing slot.</param>
    /// <returns>The hash as a PHC string, e.g. <c>$argon2id$v=19$m=65536,t=3,p=1$salt$hash</c>.</returns>
    ValueTask<string> HashAsync(string password, CancellationToken cancellationToken = default);

    /// <summary>Verifies a password against a stored PHC string.</summary>
    /// <param name="password">The password, as typed.</param>
    /// <param name="storedHash">The stored PHC string.</param>
    /// <param name="cancellationToken">Cancels the wait for a hashing slot.</param>
    /// <returns>The outcome; a malformed or over-costly stored hash gives <see cref="PasswordVerificationResult.Failed"/>.</returns>
    ValueTask<PasswordVerificationResult> VerifyAsync(string password, string storedHash, CancellationToken cancellationToken = default);
}
