using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>A field of a <see cref="SecurityEvent"/> that a rule groups by or counts distinct values of.</summary>
public enum EventField
{
    /// <summary>No field: every event falls in one group.</summary>
    None = 0,

    /// <summary><see cref="SecurityEvent.Actor"/>.</summary>
    Actor = 1,

    /// <summary><see cref="SecurityEvent.SourceAddress"/>.</summary>
    SourceAddress = 2,

    /// <summary><see cref="SecurityEvent.Resource"/>.</summary>
    Resource = 3,

    /// <summary><see cref="SecurityEvent.CorrelationId"/>.</summary>
    CorrelationId = 4,

    /// <summary><see cref="SecurityEvent.Type"/>.</summary>
    Type = 5,

    /// <summary>A named entry of <see cref="SecurityEvent.Properties"/>.</summary>
    Property = 6,
}
