using System.Text.Json.Serialization;

namespace TradingRl.Security.Encryption;

/// <summary>The persisted key ring (format 1): wrapped keys, states and a seal by the key-encryption key.</summary>
internal sealed class KeyRingDocument
{
    public int Format { get; set; }

    public string KekId { get; set; } = string.Empty;

    public Guid CurrentKeyId { get; set; }

    public List<KeyRingEntry> Keys { get; set; } = [];

    public string? Seal { get; set; }
}

/// <summary>One persisted data key.</summary>
internal sealed class KeyRingEntry
{
    public Guid Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DataKeyStatus Status { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public long MessagesReserved { get; set; }

    public string WrappedKey { get; set; } = string.Empty;
}

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(KeyRingDocument))]
[JsonSerializable(typeof(SubjectKeyRecord))]
[JsonSerializable(typeof(SubjectErasureEvidence))]
internal sealed partial class EncryptionJsonContext : JsonSerializerContext;
