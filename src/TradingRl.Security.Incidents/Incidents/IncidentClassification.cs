namespace TradingRl.Security.Incidents;

/// <summary>What an incident turned out to be, set when it is closed.</summary>
public enum IncidentClassification
{
    /// <summary>Not classified yet; refused when closing.</summary>
    Unclassified = 0,

    /// <summary>A real attack or failure.</summary>
    TruePositive = 1,

    /// <summary>Real activity that was expected or authorised (e.g. a penetration test).</summary>
    BenignTruePositive = 2,

    /// <summary>The rule fired on activity that was not what it looks for.</summary>
    FalsePositive = 3,
}
