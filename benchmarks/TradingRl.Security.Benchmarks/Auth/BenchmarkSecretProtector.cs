using System.Security.Cryptography;
using System.Text;

namespace TradingRl.Security.Benchmarks.Auth;

/// <summary>AES-256-GCM with a fixed key, standing in for the Encryption package's protector in the Auth benchmarks.</summary>
internal sealed class BenchmarkSecretProtector : ISecretProtector
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        using var aes = new AesGcm(Key, 16);
        var output = new byte[12 + plaintext.Length + 16];
        RandomNumberGenerator.Fill(output.AsSpan(0, 12));
        aes.Encrypt(output.AsSpan(0, 12), plaintext, output.AsSpan(12, plaintext.Length), output.AsSpan(12 + plaintext.Length), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        using var aes = new AesGcm(Key, 16);
        var length = protectedData.Length - 28;
        var plain = new byte[length];
        aes.Decrypt(protectedData[..12], protectedData.Slice(12, length), protectedData[(12 + length)..], plain, Encoding.UTF8.GetBytes(purpose));
        return plain;
    }
}
