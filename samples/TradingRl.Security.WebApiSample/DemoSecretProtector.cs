using System.Security.Cryptography;
using System.Text;
using TradingRl.Security;

namespace TradingRl.Security.WebApiSample;

/// <summary>
/// AES-256-GCM with a key made at start and never stored: enough for a demo whose users live in memory, and wrong for
/// anything real (a restart loses every protected secret). A real host calls <c>AddEncryption(...)</c> instead.
/// </summary>
internal sealed class DemoSecretProtector : ISecretProtector
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[28 + plaintext.Length];
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
