using Microsoft.Extensions.Compliance.Redaction;

namespace TradingRl.Security.Encryption;

/// <summary>Replaces a classified value by the fixed marker <c>[REDACTED]</c>, so logs show that a value was there without any of it.</summary>
/// <remarks>Registered by <c>AddEncryption</c> for the internal, confidential and restricted classifications and as the fallback for unknown ones.</remarks>
public sealed class ClassifiedValueRedactor : Redactor
{
    /// <summary>The text every value becomes.</summary>
    public const string Marker = "[REDACTED]";

    /// <inheritdoc/>
    public override int GetRedactedLength(ReadOnlySpan<char> input) => Marker.Length;

    /// <inheritdoc/>
    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        Marker.AsSpan().CopyTo(destination);
        return Marker.Length;
    }
}
