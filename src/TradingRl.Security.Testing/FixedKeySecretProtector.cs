using System.Security.Cryptography;
using System.Text;

namespace TradingRl.Security.Testing;

/// <summary>An AES-256-GCM <see cref="ISecretProtector"/> with a fixed, public key, standing in for the Encryption package in tests.</summary>
/// <remarks>Never use it in production: its key is in this source file. Thread-safe.</remarks>
public sealed class FixedKeySecretProtector : ISecretProtector
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Key = Convert.FromHexString("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private int _protectCalls;

    /// <summary>Gets how many times <see cref="Protect"/> was called.</summary>
    public int ProtectCalls => Volatile.Read(ref _protectCalls);

    /// <inheritdoc/>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        Interlocked.Increment(ref _protectCalls);
        using var aes = new AesGcm(Key, TagSize);
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        aes.Encrypt(output.AsSpan(0, NonceSize), plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    /// <inheritdoc/>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var length = protectedData.Length - NonceSize - TagSize;
        if (length < 0)
        {
            throw new CryptographicException("The protected data is shorter than a nonce and a tag.");
        }

        using var aes = new AesGcm(Key, TagSize);
        var plain = new byte[length];
        aes.Decrypt(protectedData[..NonceSize], protectedData.Slice(NonceSize, length), protectedData[(NonceSize + length)..], plain, Encoding.UTF8.GetBytes(purpose));
        return plain;
    }
}
