namespace TradingRl.Security.Auth.Passwords;

/// <summary>The Argon2id implementation that makes new password hashes.</summary>
public enum Argon2Backend
{
    /// <summary>libsodium through NSec: native and fast; parallelism 1 and 16-byte salts only.</summary>
    Libsodium = 0,

    /// <summary>Konscious.Security.Cryptography: managed; any parallelism and salt length.</summary>
    Managed = 1,
}
