namespace TradingRl.Security;

/// <summary>Encrypts small secrets (TOTP seeds, refresh-token material) bound to a purpose; provided by the Encryption package.</summary>
/// <remarks>Packages that store secrets require it: composing them without <c>AddEncryption()</c> is a start-up error.</remarks>
public interface ISecretProtector
{
    /// <summary>Encrypts and authenticates a secret for one purpose.</summary>
    /// <param name="plaintext">The secret.</param>
    /// <param name="purpose">What it is for, e.g. <c>auth.totp/alice</c>; the same purpose is needed to unprotect.</param>
    /// <returns>The protected bytes (self-describing: format version and key id included).</returns>
    byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose);

    /// <summary>Authenticates and decrypts a secret.</summary>
    /// <param name="protectedData">The bytes from <see cref="Protect"/>.</param>
    /// <param name="purpose">The purpose given to <see cref="Protect"/>.</param>
    /// <returns>The secret; the caller zeroes it when done.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The data was tampered with, the purpose differs, or the key is unknown or revoked.</exception>
    byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose);
}
