using System.Security.Cryptography;
using System.Text;

namespace TradingRl.Security.AspNetCore.Tests;

/// <summary>A real AES-256-GCM protector with a random per-instance key, standing in for the Encryption package that Auth requires.</summary>
internal sealed class AesGcmTestSecretProtector : ISecretProtector
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[12 + 16 + plaintext.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(28), output.AsSpan(12, 16), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        if (protectedData.Length < 28)
        {
            throw new CryptographicException("The protected data is truncated.");
        }

        var plaintext = new byte[protectedData.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(protectedData[..12], protectedData[28..], protectedData.Slice(12, 16), plaintext, Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }
}
