using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>One stored audit record: a security event or compliance record with its dense sequence number and the time it was recorded.</summary>
/// <remarks>Immutable. Its canonical binary encoding is the Merkle leaf; the leaf hash covers protected values as ciphertext.</remarks>
public sealed class AuditRecord
{
    internal AuditRecord(
        long sequence,
        DateTimeOffset recordedAt,
        AuditRecordOrigin origin,
        SecurityEvent securityEvent,
        IReadOnlyDictionary<string, string> properties,
        IReadOnlyDictionary<string, ReadOnlyMemory<byte>> protectedProperties)
    {
        Sequence = sequence;
        RecordedAt = recordedAt;
        Origin = origin;
        EventId = securityEvent.Id;
        Type = securityEvent.Type;
        Severity = securityEvent.Severity;
        Outcome = securityEvent.Outcome;
        EventTimestamp = securityEvent.Timestamp;
        Actor = securityEvent.Actor;
        SourceAddress = securityEvent.SourceAddress;
        Resource = securityEvent.Resource;
        CorrelationId = securityEvent.CorrelationId;
        Properties = properties;
        ProtectedProperties = protectedProperties;
    }

    /// <summary>Gets the 0-based sequence number, which is also the Merkle leaf index.</summary>
    public long Sequence { get; }

    /// <summary>Gets when the audit trail recorded it (UTC, from its <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset RecordedAt { get; }

    /// <summary>Gets how the record arrived.</summary>
    public AuditRecordOrigin Origin { get; }

    /// <summary>Gets the event id; repeats of an id are recorded once.</summary>
    public Guid EventId { get; }

    /// <summary>Gets the dotted event type.</summary>
    public string Type { get; }

    /// <summary>Gets the severity.</summary>
    public SecuritySeverity Severity { get; }

    /// <summary>Gets the outcome.</summary>
    public SecurityOutcome Outcome { get; }

    /// <summary>Gets when the event happened, as its publisher said (UTC).</summary>
    public DateTimeOffset EventTimestamp { get; }

    /// <summary>Gets who acted, when known.</summary>
    public string? Actor { get; }

    /// <summary>Gets the network address the action came from, when known.</summary>
    public string? SourceAddress { get; }

    /// <summary>Gets the resource acted on, when known.</summary>
    public string? Resource { get; }

    /// <summary>Gets the correlation id, when known.</summary>
    public string? CorrelationId { get; }

    /// <summary>Gets the properties stored in the clear.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; }

    /// <summary>Gets the classified properties, as the ciphertext <see cref="ISecretProtector"/> produced; <see cref="AuditTrail.Reveal(AuditRecord, string)"/> decrypts one.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> ProtectedProperties { get; }

    /// <summary>Decodes a record from its canonical bytes (the Merkle leaf data, as <see cref="AuditStoreEntry.Data"/> holds it).</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The record.</returns>
    /// <exception cref="FormatException">The bytes are not a canonical version-1 record.</exception>
    public static AuditRecord Parse(ReadOnlySpan<byte> data) => AuditRecordCodec.Decode(data);

    /// <inheritdoc/>
    public override string ToString() => $"#{Sequence} {RecordedAt:O} {Type} {Outcome} actor={Actor ?? "-"} resource={Resource ?? "-"}";
}
