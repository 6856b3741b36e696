namespace TradingRl.Security;

/// <summary>Who may see data of a level, after the seed's handling table (section 3.1).</summary>
public enum ClassificationAccess
{
    /// <summary>Anyone.</summary>
    Everyone = 0,

    /// <summary>Any authenticated principal.</summary>
    Authenticated = 1,

    /// <summary>Principals authorized for the resource.</summary>
    Authorized = 2,

    /// <summary>Principals holding specific roles.</summary>
    SpecificRoles = 3,
}

/// <summary>How data of one classification level must be handled.</summary>
/// <param name="Level">The level.</param>
/// <param name="EncryptAtRest">Whether stored data of this level must be encrypted (seed: every level but public).</param>
/// <param name="EncryptFields">Whether values of this level are encrypted field by field when serialized (confidential and restricted).</param>
/// <param name="RedactInLogs">Whether values of this level are redacted from logs and messages (every level but public).</param>
/// <param name="Access">Who may see it.</param>
public sealed record ClassificationHandling(
    ClassificationLevel Level,
    bool EncryptAtRest,
    bool EncryptFields,
    bool RedactInLogs,
    ClassificationAccess Access);
