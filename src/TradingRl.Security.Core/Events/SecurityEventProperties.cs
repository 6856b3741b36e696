using System.Collections.Frozen;

namespace TradingRl.Security.Events;

/// <summary>Makes the property set of a <see cref="SecurityEvent"/> from name/value pairs, with no dictionary filled first.</summary>
public static class SecurityEventProperties
{
    /// <summary>Copies name/value pairs into an immutable property set for <see cref="SecurityEvent.Properties"/>.</summary>
    /// <param name="properties">The pairs; names are compared ordinally.</param>
    /// <returns>The property set, sorted by name. Its names and values are checked when it is given to an event.</returns>
    /// <exception cref="ArgumentException">A name is given twice.</exception>
    /// <remarks>For publishers on a hot path (one event per API request): the pairs can live on the stack.</remarks>
    public static IReadOnlyDictionary<string, string> Create(params ReadOnlySpan<KeyValuePair<string, string>> properties) =>
        properties.IsEmpty ? FrozenDictionary<string, string>.Empty : EventPropertyMap.From(properties);
}
