using System.Collections.Concurrent;

namespace TradingRl.Security.Events;

/// <summary>The event types known to this host: the built-in ones and those a host or package defines.</summary>
/// <remarks>Thread-safe. Registered as a singleton by <c>AddTradingSecurity</c>.</remarks>
public sealed class SecurityEventCatalog
{
    private readonly ConcurrentDictionary<string, SecurityEventDescriptor> _byType = new(StringComparer.Ordinal);

    /// <summary>Initializes a catalog holding the built-in types of <see cref="SecurityEventTypes"/>.</summary>
    public SecurityEventCatalog()
    {
        foreach (var d in SecurityEventTypes.All)
        {
            _byType[d.Type] = d;
        }
    }

    /// <summary>Gets every known descriptor, ordered by type name.</summary>
    public IReadOnlyList<SecurityEventDescriptor> All => [.. _byType.Values.OrderBy(d => d.Type, StringComparer.Ordinal)];

    /// <summary>Adds an event type; adding the same descriptor again is harmless.</summary>
    /// <param name="descriptor">The descriptor.</param>
    /// <returns>The registered descriptor.</returns>
    /// <exception cref="InvalidOperationException">Another descriptor with the same type name but a different category or severity exists.</exception>
    public SecurityEventDescriptor Register(SecurityEventDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        var existing = _byType.GetOrAdd(descriptor.Type, descriptor);
        if (!ReferenceEquals(existing, descriptor) &&
            (existing.Category != descriptor.Category || existing.DefaultSeverity != descriptor.DefaultSeverity))
        {
            throw new InvalidOperationException(
                $"The event type '{descriptor.Type}' is already registered with category {existing.Category} and severity {existing.DefaultSeverity}.");
        }

        return existing;
    }

    /// <summary>Looks up an event type.</summary>
    /// <param name="type">The dotted name.</param>
    /// <param name="descriptor">The descriptor when found.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public bool TryGet(string type, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SecurityEventDescriptor? descriptor)
    {
        ArgumentNullException.ThrowIfNull(type);
        return _byType.TryGetValue(type, out descriptor);
    }
}
