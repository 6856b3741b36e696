namespace TradingRl.Security.Encryption;

/// <summary>Which algorithm new ciphertexts use.</summary>
public enum AeadCipherPreference
{
    /// <summary>AES-256-GCM where the CPU supports it (<c>Aes256Gcm.IsSupported</c>), XChaCha20-Poly1305 otherwise.</summary>
    Auto = 0,

    /// <summary>Always AES-256-GCM; start-up fails on a CPU without AES instructions.</summary>
    Aes256Gcm = 1,

    /// <summary>Always XChaCha20-Poly1305.</summary>
    XChaCha20Poly1305 = 2,
}
