namespace TradingRl.Security.Encryption;

/// <summary>Serializes objects with System.Text.Json so that properties classified confidential or restricted are encrypted, and writes a redacted form for logs.</summary>
/// <remarks>
/// A property is classified by a <c>DataClassificationAttribute</c> (Core's <c>[ConfidentialData]</c>, <c>[RestrictedData]</c>,
/// <c>[TradingData(...)]</c>). Per the seed's handling table confidential and restricted values are encrypted field by field;
/// a classification of another taxonomy is treated as restricted (fail closed). Thread-safe.
/// </remarks>
public interface IClassifiedJsonSerializer
{
    /// <summary>Serializes a value, encrypting its classified properties.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>UTF-8 JSON in which each classified property is a base64 envelope ciphertext.</returns>
    byte[] SerializeToUtf8Bytes<T>(T value);

    /// <summary>Deserializes a value, authenticating and decrypting its classified properties.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="utf8Json">The JSON from <see cref="SerializeToUtf8Bytes"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="DecryptionFailedException">A classified property was tampered with, moved to another property or type, or is under a revoked key.</exception>
    /// <exception cref="System.Text.Json.JsonException">The JSON is malformed, or a classified property holds a plaintext value.</exception>
    T? Deserialize<T>(ReadOnlySpan<byte> utf8Json);

    /// <summary>Deserializes a value on behalf of a reader, decrypting its classified properties and publishing a <c>data.access</c> event (who, classification, purpose).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="utf8Json">The JSON from <see cref="SerializeToUtf8Bytes"/>.</param>
    /// <param name="access">Who reads and why.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The actor or purpose is empty, or the purpose longer than 256 characters.</exception>
    /// <exception cref="DecryptionFailedException">A classified property was tampered with, moved to another property or type, or is under a revoked key.</exception>
    /// <exception cref="System.Text.Json.JsonException">The JSON is malformed, or a classified property holds a plaintext value.</exception>
    T? Deserialize<T>(ReadOnlySpan<byte> utf8Json, DataAccessContext access);

    /// <summary>Serializes a value for a log or message: every classified property (internal and above) is redacted.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>JSON text with classified values replaced by the redactor's output.</returns>
    string SerializeForLog<T>(T value);
}
