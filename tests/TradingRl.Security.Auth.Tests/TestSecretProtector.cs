using System.Security.Cryptography;
using System.Text;

namespace TradingRl.Security.Auth.Tests;

/// <summary>A small AES-256-GCM <see cref="ISecretProtector"/> with a fixed key, standing in for the Encryption package.</summary>
internal sealed class TestSecretProtector : ISecretProtector
{
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

    public int ProtectCalls;

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        Interlocked.Increment(ref ProtectCalls);
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
