using System.Globalization;

namespace TradingRl.Security.Auth.Passwords;

/// <summary>The parsed form of an Argon2id PHC string: <c>$argon2id$v=19$m=..,t=..,p=..$salt$hash</c>.</summary>
internal readonly record struct Argon2PhcString(int MemoryKiB, int Iterations, int Parallelism, byte[] Salt, byte[] Hash, string? KeyId = null)
{
    public const int Version = 19;
    private const string Prefix = "$argon2id$v=19$";

    // A PHC string longer than this is refused before any parsing (salt and hash at most 64 bytes each).
    private const int MaxLength = 256;

    public string Format() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}m={MemoryKiB},t={Iterations},p={Parallelism}{(KeyId is null ? "" : ",keyid=" + KeyId)}${ToB64(Salt)}${ToB64(Hash)}");

    /// <summary>Tells whether a text is a PHC <c>keyid</c>: unpadded, canonical base64 of 1 to 8 bytes.</summary>
    public static bool IsKeyId(string? value) =>
        value is { Length: > 0 and <= 11 } && TryFromB64(value, out var bytes) && bytes.Length is >= 1 and <= 8;

    /// <summary>Parses strictly: exact field order, decimal numbers without signs or leading zeros, canonical unpadded base64.</summary>
    public static bool TryParse(string? value, out Argon2PhcString result)
    {
        result = default;
        if (value is null || value.Length > MaxLength || !value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value.AsSpan(Prefix.Length);
        Span<Range> parts = stackalloc Range[4];
        if (rest.Split(parts, '$') != 3)
        {
            return false;
        }

        var prms = rest[parts[0]];
        Span<Range> kv = stackalloc Range[5];
        var count = prms.Split(kv, ',');
        string? keyId = null;
        if (count == 4)
        {
            // PHC: the optional keyid follows m, t and p; it names the pepper (RFC 9106's secret K) the hash was made with.
            var k = prms[kv[3]];
            if (!k.StartsWith("keyid=", StringComparison.Ordinal) || !IsKeyId(keyId = k["keyid=".Length..].ToString()))
            {
                return false;
            }
        }
        else if (count != 3)
        {
            return false;
        }

        if (!TryParam(prms[kv[0]], "m=", out var m)
            || !TryParam(prms[kv[1]], "t=", out var t)
            || !TryParam(prms[kv[2]], "p=", out var p)
            || !TryFromB64(rest[parts[1]], out var salt)
            || !TryFromB64(rest[parts[2]], out var hash))
        {
            return false;
        }

        // RFC 9106 section 3.1: salt 8+ bytes, tag 4+ bytes (we ask 16+), m >= 8p, t >= 1, 1 <= p <= 2^24-1.
        if (salt.Length is < 8 or > 64 || hash.Length is < 16 or > 64 || t < 1 || p < 1 || m < 8 * p)
        {
            return false;
        }

        result = new Argon2PhcString(m, t, p, salt, hash, keyId);
        return true;
    }

    private static bool TryParam(ReadOnlySpan<char> s, string name, out int value)
    {
        value = 0;
        if (!s.StartsWith(name, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = s[name.Length..];
        if (digits.Length is 0 or > 10 || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string ToB64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryFromB64(ReadOnlySpan<char> s, out byte[] bytes)
    {
        bytes = [];
        if (s.Length == 0 || s.Length % 4 == 1 || s.Length > 128)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            {
                return false;
            }
        }

        var padded = new string('=', (4 - (s.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(string.Concat(s, padded));
        }
        catch (FormatException)
        {
            return false;
        }

        // Canonical: unused trailing bits must be zero, so re-encoding gives the same text.
        return ToB64(bytes).AsSpan().SequenceEqual(s);
    }
}
