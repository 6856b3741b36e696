using System.Security.Cryptography;
using NSec.Cryptography;

namespace TradingRl.Security.Auth.Passwords;

/// <summary>The two Argon2id implementations behind <see cref="Argon2idPasswordHasher"/>.</summary>
internal static class Argon2idEngines
{
    /// <summary>Tells whether libsodium can compute a hash with these parameters (it fixes p = 1 and 16-byte salts).</summary>
    public static bool LibsodiumSupports(int parallelism, int saltLength) => parallelism == 1 && saltLength == 16;

    /// <summary>Argon2id through libsodium (NSec).</summary>
    public static void Libsodium(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, Span<byte> output)
    {
        var parameters = new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = iterations,
        };
        var algorithm = PasswordBasedKeyDerivationAlgorithm.Argon2id(in parameters);
        algorithm.DeriveBytes(password, salt, output);
    }

    /// <summary>Argon2id through Konscious (managed), with an optional secret and associated data (RFC 9106 K and X).</summary>
    public static byte[] Managed(
        byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism, int outputLength,
        byte[]? secret = null, byte[]? associatedData = null)
    {
        using var argon = new Konscious.Security.Cryptography.Argon2id(password)
        {
            Salt = salt,
            MemorySize = memoryKiB,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
            KnownSecret = secret,
            AssociatedData = associatedData,
        };
        return argon.GetBytes(outputLength);
    }

    /// <summary>Computes the hash with the backend that fits the parameters and compares it in constant time.</summary>
    public static bool Verify(byte[] password, in Argon2PhcString stored, bool preferLibsodium, byte[]? pepper = null)
    {
        byte[] computed;
        if (pepper is null && preferLibsodium && LibsodiumSupports(stored.Parallelism, stored.Salt.Length))
        {
            computed = new byte[stored.Hash.Length];
            Libsodium(password, stored.Salt, stored.MemoryKiB, stored.Iterations, computed);
        }
        else
        {
            computed = Managed(password, stored.Salt, stored.MemoryKiB, stored.Iterations, stored.Parallelism, stored.Hash.Length, pepper);
        }

        var equal = CryptographicOperations.FixedTimeEquals(computed, stored.Hash);
        CryptographicOperations.ZeroMemory(computed);
        return equal;
    }
}
