using System.Buffers;
using System.Text;

namespace TradingRl.Security.Encryption;

/// <summary>Core's <see cref="ISecretProtector"/> over the envelope encryptor: the purpose is bound as the encryption context.</summary>
/// <remarks>The context is <c>tradingrl.secret.v1:</c> followed by the purpose in UTF-8, so a secret protected for one purpose is refused for any other. Thread-safe.</remarks>
public sealed class SecretProtector : ISecretProtector
{
    private const string Prefix = "tradingrl.secret.v1:";
    private const int MaxPurposeLength = 1024;
    private readonly IEnvelopeEncryptor _encryptor;

    /// <summary>Initializes the protector.</summary>
    /// <param name="encryptor">The envelope encryptor.</param>
    public SecretProtector(IEnvelopeEncryptor encryptor)
    {
        ArgumentNullException.ThrowIfNull(encryptor);
        _encryptor = encryptor;
    }

    private delegate byte[] Operation(IEnvelopeEncryptor encryptor, ReadOnlySpan<byte> data, ReadOnlySpan<byte> context);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The purpose is empty, blank or longer than 1,024 characters.</exception>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose) =>
        Run(plaintext, purpose, static (e, data, context) => e.Encrypt(data, context));

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The purpose is empty, blank or longer than 1,024 characters.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedData, string purpose) =>
        Run(protectedData, purpose, static (e, data, context) => e.Decrypt(data, context));

    private byte[] Run(ReadOnlySpan<byte> data, string purpose, Operation operation)
    {
        var context = Context(purpose, out var rented);
        try
        {
            return operation(_encryptor, data, context);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static ReadOnlySpan<byte> Context(string purpose, out byte[] rented)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(purpose.Length, MaxPurposeLength, nameof(purpose));
        rented = ArrayPool<byte>.Shared.Rent(Prefix.Length + Encoding.UTF8.GetMaxByteCount(purpose.Length));
        var written = Encoding.UTF8.GetBytes(Prefix, rented);
        written += Encoding.UTF8.GetBytes(purpose, rented.AsSpan(written));
        return rented.AsSpan(0, written);
    }
}
