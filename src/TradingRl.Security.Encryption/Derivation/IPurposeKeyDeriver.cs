namespace TradingRl.Security.Encryption;

/// <summary>Derives purpose-bound subkeys (HKDF-SHA256) from the key ring's data keys, so one purpose's key reveals nothing of another's.</summary>
/// <remarks>Thread-safe. The same key id and purpose always give the same subkey; rotation changes the current key id.</remarks>
public interface IPurposeKeyDeriver
{
    /// <summary>Derives a subkey from the current data key.</summary>
    /// <param name="purpose">What the subkey is for, e.g. <c>audit.hmac</c>.</param>
    /// <param name="output">Receives the subkey; 1 to 8,160 bytes.</param>
    /// <returns>The id of the data key it was derived from; keep it to derive the same subkey later.</returns>
    Guid DeriveKey(string purpose, Span<byte> output);

    /// <summary>Derives a subkey from a given data key.</summary>
    /// <param name="keyId">The data key id returned earlier.</param>
    /// <param name="purpose">What the subkey is for.</param>
    /// <param name="output">Receives the subkey; 1 to 8,160 bytes.</param>
    /// <exception cref="DecryptionFailedException">The key is unknown or revoked.</exception>
    void DeriveKey(Guid keyId, string purpose, Span<byte> output);
}
