namespace TradingRl.Security.Encryption;

/// <summary>Wraps and unwraps data keys with a key-encryption key (KEK) that never leaves the provider: a local master key, a KMS or Vault.</summary>
/// <remarks>Implementations are thread-safe. Wrapping authenticates <c>associatedData</c>, so a wrapped key only unwraps for the entry it was made for.</remarks>
public interface IKeyEncryptionKeyProvider
{
    /// <summary>Gets a stable, non-secret identifier of the key-encryption key, recorded in the key ring.</summary>
    string KeyId { get; }

    /// <summary>Encrypts and authenticates a key.</summary>
    /// <param name="key">The key to wrap; may be empty to make a seal over <paramref name="associatedData"/> alone.</param>
    /// <param name="associatedData">Data bound to the wrapped key.</param>
    /// <returns>The wrapped key.</returns>
    byte[] WrapKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> associatedData);

    /// <summary>Authenticates and decrypts a wrapped key.</summary>
    /// <param name="wrappedKey">The bytes from <see cref="WrapKey"/>.</param>
    /// <param name="associatedData">The same associated data given to <see cref="WrapKey"/>.</param>
    /// <param name="destination">Receives the key; at least as long as the key.</param>
    /// <returns>The key's length.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The wrapped key was altered, the associated data differs, or another KEK wrapped it.</exception>
    int UnwrapKey(ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> associatedData, Span<byte> destination);
}
