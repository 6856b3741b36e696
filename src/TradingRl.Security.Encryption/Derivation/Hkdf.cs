using NSec.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>HKDF-SHA256 (RFC 5869) through NSec, for deriving purpose-bound subkeys.</summary>
public static class Hkdf
{
    /// <summary>The most bytes HKDF-SHA256 can derive (255 × 32).</summary>
    public const int MaxOutputLength = 255 * 32;

    /// <summary>Derives <paramref name="output"/>.Length bytes from input keying material, a salt and context information.</summary>
    /// <param name="inputKeyMaterial">The secret input.</param>
    /// <param name="salt">The salt; may be empty.</param>
    /// <param name="info">The context and purpose; may be empty.</param>
    /// <param name="output">Receives the derived bytes; 1 to <see cref="MaxOutputLength"/> bytes.</param>
    /// <exception cref="ArgumentException">The output is empty or longer than <see cref="MaxOutputLength"/>.</exception>
    public static void DeriveKey(ReadOnlySpan<byte> inputKeyMaterial, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> info, Span<byte> output)
    {
        if (output.IsEmpty || output.Length > MaxOutputLength)
        {
            throw new ArgumentException($"HKDF-SHA256 derives 1 to {MaxOutputLength} bytes; {output.Length} were asked for.", nameof(output));
        }

        KeyDerivationAlgorithm.HkdfSha256.DeriveBytes(inputKeyMaterial, salt, info, output);
    }
}
