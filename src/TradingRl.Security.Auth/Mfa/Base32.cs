namespace TradingRl.Security.Auth.Mfa;

/// <summary>RFC 4648 Base32 (upper-case alphabet, no padding), the encoding of TOTP secrets in <c>otpauth://</c> URIs.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes bytes.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The text, without padding.</returns>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[((data.Length * 8) + 4) / 5];
        int buffer = 0, bits = 0, n = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[n++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[n++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, n);
    }

    /// <summary>Decodes text; upper or lower case, no padding, no separators.</summary>
    /// <param name="text">The text.</param>
    /// <param name="data">The bytes when valid.</param>
    /// <returns><see langword="true"/> when the text is valid Base32.</returns>
    public static bool TryDecode(string text, out byte[] data)
    {
        ArgumentNullException.ThrowIfNull(text);
        data = [];
        var output = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, n = 0;
        foreach (var c in text)
        {
            var v = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (v < 0 || !char.IsAscii(c))
            {
                return false;
            }

            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                output[n++] = (byte)(buffer >> (bits - 8));
                bits -= 8;
            }
        }

        data = output;
        return true;
    }
}
