namespace TradingRl.Security.Encryption;

/// <summary>The authenticated-encryption algorithms of the ciphertext format; the value is the algorithm byte written into every ciphertext.</summary>
public enum AeadCipher
{
    /// <summary>AES-256-GCM with a 96-bit nonce and a 128-bit tag (used where the CPU has AES instructions).</summary>
    Aes256Gcm = 1,

    /// <summary>XChaCha20-Poly1305 with a 192-bit nonce and a 128-bit tag (used where AES-256-GCM is not supported).</summary>
    XChaCha20Poly1305 = 2,
}
