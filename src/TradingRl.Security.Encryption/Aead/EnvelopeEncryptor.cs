using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption;

/// <summary>The key ring's envelope encryption: AES-256-GCM or XChaCha20-Poly1305 through NSec, random nonces, a per-key usage bound.</summary>
/// <remarks>
/// Nonce policy: every message gets a fresh random nonce from <see cref="RandomNumberGenerator"/> (96 bits for AES-256-GCM,
/// 192 bits for XChaCha20-Poly1305); the ring rotates its key before it encrypts more than
/// <see cref="EncryptionOptions.MaxMessagesPerKey"/> messages (at most 2^32, NIST SP 800-38D section 8.3), keeping the chance of a
/// repeated nonce below 2^-32. Refusals publish <c>data.encryption.failed</c> with the reason and key id. Thread-safe.
/// </remarks>
public sealed class EnvelopeEncryptor : IEnvelopeEncryptor
{
    private readonly KeyRing _ring;
    private readonly ILogger _logger;
    private readonly EncryptionEvents _events;

    /// <summary>Initializes the encryptor over a key ring.</summary>
    /// <param name="ring">The key ring.</param>
    /// <param name="timeProvider">The clock for event timestamps.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="publisher">Receives refusal events; none when omitted.</param>
    public EnvelopeEncryptor(KeyRing ring, TimeProvider timeProvider, ILogger<EnvelopeEncryptor>? logger = null, ISecurityEventPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _ring = ring;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _events = new EncryptionEvents(publisher, timeProvider, _logger);
    }

    /// <inheritdoc/>
    public AeadCipher Cipher => _ring.Cipher;

    /// <inheritdoc/>
    public int GetCiphertextLength(int plaintextLength) => EnvelopeFormat.GetCiphertextLength(_ring.Cipher, plaintextLength);

    /// <inheritdoc/>
    public int Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        var needed = GetCiphertextLength(plaintext.Length);
        if (destination.Length < needed)
        {
            throw new ArgumentException($"The destination is {destination.Length} bytes; {needed} are needed.", nameof(destination));
        }

        var key = _ring.AcquireForEncryption();
        return AeadCore.Seal(_ring.Cipher, key, plaintext, context, destination);
    }

    /// <inheritdoc/>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> context)
    {
        var output = new byte[GetCiphertextLength(plaintext.Length)];
        _ = Encrypt(plaintext, context, output);
        return output;
    }

    /// <inheritdoc/>
    public int Decrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context, Span<byte> destination)
    {
        EnvelopeHeader header;
        DataKey key;
        try
        {
            header = EnvelopeFormat.ReadHeader(ciphertext);
            key = _ring.GetForDecryption(header.KeyId);
        }
        catch (DecryptionFailedException ex)
        {
            Refused(ex.Reason, ex.KeyId);
            throw;
        }

        var length = AeadCore.Open(header, key, ciphertext, context, destination);
        if (length < 0)
        {
            Refused(DecryptionFailureReason.AuthenticationFailed, header.KeyId);
            throw new DecryptionFailedException(DecryptionFailureReason.AuthenticationFailed, $"The ciphertext under key {header.KeyId} failed authentication: it was altered, or the context differs from the one it was encrypted with.", header.KeyId);
        }

        return length;
    }

    /// <inheritdoc/>
    public byte[] Decrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context)
    {
        var output = new byte[Math.Max(0, EnvelopeFormat.GetPlaintextLength(ciphertext))];
        _ = Decrypt(ciphertext, context, output);
        return output;
    }

    /// <inheritdoc/>
    public byte[] ReEncrypt(ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> context)
    {
        var length = Math.Max(0, EnvelopeFormat.GetPlaintextLength(ciphertext));
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Decrypt(ciphertext, context, buffer);
            return Encrypt(buffer.AsSpan(0, written), context);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Refused(DecryptionFailureReason reason, Guid? keyId)
    {
        EncryptionLog.DecryptionRefused(_logger, reason, keyId);
        var properties = new Dictionary<string, string> { ["reason"] = reason.ToString() };
        if (keyId is { } id)
        {
            properties["key_id"] = id.ToString("N");
        }

        _events.Publish(SecurityEventTypes.EncryptionFailed, null, SecurityOutcome.Failure, properties);
    }
}
