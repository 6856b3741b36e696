using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Logging.Abstractions;
using TradingRl.Security.Events;

namespace TradingRl.Security.Encryption;

/// <summary>The System.Text.Json serializer for classified objects: field encryption under the key ring, and a redacted form for logs.</summary>
/// <remarks>
/// Each encrypted property is bound to <c>tradingrl.field.v1:</c> + the declaring type's full name + <c>.</c> + the JSON
/// property name, so a ciphertext copied into another property or type is refused. Null values are encrypted too, so
/// a reader cannot tell whether a classified field is set. Thread-safe.
/// </remarks>
public sealed class ClassifiedJsonSerializer : IClassifiedJsonSerializer
{
    private readonly IEnvelopeEncryptor _encryptor;
    private readonly IRedactorProvider _redactors;
    private readonly JsonSerializerOptions _plain;
    private readonly JsonSerializerOptions _encrypting;
    private readonly JsonSerializerOptions _redacting;
    private readonly EncryptionEvents? _events;

    /// <summary>Initializes the serializer.</summary>
    /// <param name="encryptor">Encrypts the classified values.</param>
    /// <param name="redactors">Provides the redactor per classification for the log form.</param>
    /// <param name="options">The base serializer options; System.Text.Json defaults when omitted.</param>
    /// <param name="publisher">Receives a <c>data.access</c> event per decrypting read with a <see cref="DataAccessContext"/>; none when omitted.</param>
    /// <param name="timeProvider">The clock for those events; the system clock when omitted.</param>
    public ClassifiedJsonSerializer(IEnvelopeEncryptor encryptor, IRedactorProvider redactors, JsonSerializerOptions? options = null, ISecurityEventPublisher? publisher = null, TimeProvider? timeProvider = null)
    {
        _events = publisher is null ? null : new EncryptionEvents(publisher, timeProvider ?? TimeProvider.System, NullLogger.Instance);
        ArgumentNullException.ThrowIfNull(encryptor);
        ArgumentNullException.ThrowIfNull(redactors);
        _encryptor = encryptor;
        _redactors = redactors;
        var resolver = options?.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        _plain = new JsonSerializerOptions(options ?? JsonSerializerOptions.Default) { TypeInfoResolver = resolver };
        _plain.MakeReadOnly();
        _encrypting = new JsonSerializerOptions(_plain) { TypeInfoResolver = resolver.WithAddedModifier(Encrypt) };
        _encrypting.MakeReadOnly();
        _redacting = new JsonSerializerOptions(_plain) { TypeInfoResolver = resolver.WithAddedModifier(Redact) };
        _redacting.MakeReadOnly();
    }

    /// <inheritdoc/>
    public byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _encrypting);

    /// <inheritdoc/>
    public T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<T>(utf8Json, _encrypting);

    /// <inheritdoc/>
    /// <remarks>Publishes <c>data.access</c> (actor, resource, purpose, the highest classification decrypted and the field count) when at least one classified field was decrypted.</remarks>
    public T? Deserialize<T>(ReadOnlySpan<byte> utf8Json, DataAccessContext access)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentException.ThrowIfNullOrWhiteSpace(access.Actor, nameof(access));
        ArgumentException.ThrowIfNullOrWhiteSpace(access.Purpose, nameof(access));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(access.Purpose.Length, 256, nameof(access));
        var outer = DecryptionTally.Current;
        var tally = DecryptionTally.Current = new DecryptionTally();
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(utf8Json, _encrypting);
        }
        finally
        {
            DecryptionTally.Current = outer;
        }

        if (tally.Fields > 0)
        {
            _events?.Publish(SecurityEventTypes.DataAccessed, access.Resource ?? "type/" + typeof(T).Name, SecurityOutcome.Success, new()
            {
                ["classification"] = tally.Highest.ToString(),
                ["fields"] = tally.Fields.ToString(CultureInfo.InvariantCulture),
                ["purpose"] = access.Purpose,
                ["type"] = typeof(T).Name,
            }, access.Actor);
        }

        return value;
    }

    /// <inheritdoc/>
    public string SerializeForLog<T>(T value) => JsonSerializer.Serialize(value, _redacting);

    private static DataClassification? ClassificationOf(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(DataClassificationAttribute), inherit: true) is [DataClassificationAttribute a, ..] ? a.Classification : null;

    private static ClassificationLevel LevelOf(DataClassification classification) =>
        TradingDataClassifications.TryGetLevel(classification, out var level) ? level : ClassificationLevel.Restricted;

    private static ClassificationHandling HandlingOf(DataClassification classification) =>
        TradingDataClassifications.HandlingOf(TradingDataClassifications.TryGetLevel(classification, out var level) ? level : ClassificationLevel.Restricted);

    private void Encrypt(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (ClassificationOf(property) is { } c && HandlingOf(c).EncryptFields)
            {
                var context = Encoding.UTF8.GetBytes($"tradingrl.field.v1:{typeInfo.Type.FullName}.{property.Name}");
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(
                    typeof(EncryptedFieldConverter<>).MakeGenericType(property.PropertyType), _encryptor, context, _plain, LevelOf(c))!;
            }
        }
    }

    private void Redact(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (ClassificationOf(property) is { } c && HandlingOf(c).RedactInLogs)
            {
                property.CustomConverter = (JsonConverter)Activator.CreateInstance(
                    typeof(RedactedFieldConverter<>).MakeGenericType(property.PropertyType), _redactors.GetRedactor(c), _plain)!;
            }
        }
    }

    private sealed class EncryptedFieldConverter<T>(IEnvelopeEncryptor encryptor, byte[] context, JsonSerializerOptions plain, ClassificationLevel level) : JsonConverter<T>
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"A classified property of type {typeToConvert.Name} must hold an encrypted value (a base64 string); it holds {reader.TokenType}. Plaintext is not accepted in place of a ciphertext.");
            }

            byte[] ciphertext;
            try
            {
                ciphertext = reader.GetBytesFromBase64();
            }
            catch (FormatException ex)
            {
                throw new DecryptionFailedException("A classified property is not valid base64: it was altered.", ex);
            }

            var plaintext = encryptor.Decrypt(ciphertext, context);
            DecryptionTally.Current?.Add(level);
            try
            {
                return JsonSerializer.Deserialize<T>(plaintext, plain);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            var plaintext = JsonSerializer.SerializeToUtf8Bytes(value, plain);
            try
            {
                writer.WriteBase64StringValue(encryptor.Encrypt(plaintext, context));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }
    }

    private sealed class RedactedFieldConverter<T>(Redactor redactor, JsonSerializerOptions plain) : JsonConverter<T>
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("The redacted log form cannot be read back.");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(redactor.Redact(JsonSerializer.Serialize(value, plain)));
    }
}
