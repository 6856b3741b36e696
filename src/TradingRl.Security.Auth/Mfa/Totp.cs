using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TradingRl.Security.Auth.Mfa;

/// <summary>HOTP (RFC 4226) and TOTP (RFC 6238) code computation.</summary>
public static class Totp
{
    /// <summary>The time step (RFC 6238 X), fixed at 30 seconds as authenticator apps assume.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Gets the time-step counter of an instant (RFC 6238 T, with T0 = 0).</summary>
    /// <param name="time">The instant.</param>
    /// <returns>The counter.</returns>
    public static long GetTimeStep(DateTimeOffset time) => time.ToUnixTimeSeconds() / (long)Step.TotalSeconds;

    /// <summary>Computes the HOTP value of a counter (RFC 4226 section 5.3).</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="counter">The counter (the TOTP time step).</param>
    /// <param name="digits">6 to 8.</param>
    /// <param name="algorithm">The HMAC hash.</param>
    /// <returns>The code, left-padded with zeros to <paramref name="digits"/> characters.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The digits are outside 6 to 8.</exception>
    public static string ComputeHotp(ReadOnlySpan<byte> secret, long counter, int digits = 6, TotpAlgorithm algorithm = TotpAlgorithm.Sha1)
    {
        Span<char> code = stackalloc char[8];
        WriteCode(secret, counter, digits, algorithm, code);
        return new string(code[..digits]);
    }

    /// <summary>Computes the TOTP code of an instant (RFC 6238 section 4).</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="time">The instant, e.g. <c>timeProvider.GetUtcNow()</c>.</param>
    /// <param name="digits">6 to 8.</param>
    /// <param name="algorithm">The HMAC hash.</param>
    /// <returns>The code.</returns>
    public static string ComputeTotp(ReadOnlySpan<byte> secret, DateTimeOffset time, int digits = 6, TotpAlgorithm algorithm = TotpAlgorithm.Sha1) =>
        ComputeHotp(secret, GetTimeStep(time), digits, algorithm);

    /// <summary>Writes a code into <paramref name="destination"/> without allocating.</summary>
    internal static void WriteCode(ReadOnlySpan<byte> secret, long counter, int digits, TotpAlgorithm algorithm, Span<char> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> mac = stackalloc byte[64];
        var length = algorithm switch
        {
#pragma warning disable CA5350 // RFC 4226/6238 and every authenticator app use HMAC-SHA1; HMAC-SHA1 remains a sound MAC.
            TotpAlgorithm.Sha1 => HMACSHA1.HashData(secret, message, mac),
#pragma warning restore CA5350
            TotpAlgorithm.Sha256 => HMACSHA256.HashData(secret, message, mac),
            TotpAlgorithm.Sha512 => HMACSHA512.HashData(secret, message, mac),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown TOTP algorithm."),
        };

        // RFC 4226 section 5.4: dynamic truncation.
        var offset = mac[length - 1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7FFFFFFF) % Pow10(digits);
        for (var i = digits - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (binary % 10));
            binary /= 10;
        }

        CryptographicOperations.ZeroMemory(mac);
    }

    private static int Pow10(int digits) => digits switch { 6 => 1_000_000, 7 => 10_000_000, _ => 100_000_000 };
}
