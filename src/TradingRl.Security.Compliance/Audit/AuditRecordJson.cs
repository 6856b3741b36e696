using System.Security.Cryptography;
using System.Text.Json;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Writes one audit record as a JSON object, the same way for evidence packs and data-subject exports.</summary>
internal static class AuditRecordJson
{
    /// <summary>Writes <paramref name="r"/>; protected properties are listed by name, or given as clear text (or null when unreadable) with <paramref name="reveal"/>.</summary>
    public static void Write(Utf8JsonWriter w, AuditRecord r, AuditTrail? reveal = null)
    {
        w.WriteStartObject();
        w.WriteNumber("sequence", r.Sequence);
        w.WriteString("recorded_at", r.RecordedAt);
        w.WriteString("event_timestamp", r.EventTimestamp);
        w.WriteString("event_id", r.EventId);
        w.WriteString("type", r.Type);
        w.WriteString("severity", r.Severity.ToString());
        w.WriteString("outcome", r.Outcome.ToString());
        w.WriteString("actor", r.Actor);
        w.WriteString("source_address", r.SourceAddress);
        w.WriteString("resource", r.Resource);
        w.WriteString("correlation_id", r.CorrelationId);
        w.WriteStartObject("properties");
        foreach (var (k, v) in r.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        if (reveal is null)
        {
            w.WriteStartArray("protected_properties");
            foreach (var k in r.ProtectedProperties.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteStringValue(k);
            }

            w.WriteEndArray();
        }
        else
        {
            w.WriteStartObject("protected_properties");
            foreach (var k in r.ProtectedProperties.Keys.Order(StringComparer.Ordinal))
            {
                w.WriteString(k, TryReveal(reveal, r, k));
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static string? TryReveal(AuditTrail trail, AuditRecord record, string property)
    {
        try
        {
            return trail.Reveal(record, property);
        }
        catch (CryptographicException)
        {
            return null; // erased (crypto-shredded) or not decryptable: exported as unreadable.
        }
        catch (InvalidOperationException)
        {
            return null; // no protector registered: nothing can be decrypted.
        }
    }
}
