using Microsoft.Extensions.Compliance.Classification;

namespace TradingRl.Security;

/// <summary>The suite's data-classification taxonomy on <c>Microsoft.Extensions.Compliance</c>, with the seed's assignments (section 3.2) and handling (section 3.1).</summary>
public static class TradingDataClassifications
{
    /// <summary>The taxonomy name of every classification here.</summary>
    public const string TaxonomyName = "TradingRl";

    /// <summary>Gets the public classification.</summary>
    public static DataClassification Public { get; } = new(TaxonomyName, nameof(ClassificationLevel.Public));

    /// <summary>Gets the internal classification.</summary>
    public static DataClassification Internal { get; } = new(TaxonomyName, nameof(ClassificationLevel.Internal));

    /// <summary>Gets the confidential classification.</summary>
    public static DataClassification Confidential { get; } = new(TaxonomyName, nameof(ClassificationLevel.Confidential));

    /// <summary>Gets the restricted classification.</summary>
    public static DataClassification Restricted { get; } = new(TaxonomyName, nameof(ClassificationLevel.Restricted));

    /// <summary>Returns the classification of a level.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The classification.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not defined.</exception>
    public static DataClassification ToClassification(ClassificationLevel level) => level switch
    {
        ClassificationLevel.Public => Public,
        ClassificationLevel.Internal => Internal,
        ClassificationLevel.Confidential => Confidential,
        ClassificationLevel.Restricted => Restricted,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown classification level."),
    };

    /// <summary>Returns the level of a classification of this taxonomy.</summary>
    /// <param name="classification">The classification.</param>
    /// <param name="level">The level when it belongs to this taxonomy.</param>
    /// <returns><see langword="false"/> for another taxonomy or value: callers fail closed and treat it as <see cref="ClassificationLevel.Restricted"/>.</returns>
    public static bool TryGetLevel(DataClassification classification, out ClassificationLevel level)
    {
        level = ClassificationLevel.Restricted;
        if (!string.Equals(classification.TaxonomyName, TaxonomyName, StringComparison.Ordinal))
        {
            return false;
        }

        return classification.Value switch
        {
            nameof(ClassificationLevel.Public) => Set(ClassificationLevel.Public, out level),
            nameof(ClassificationLevel.Internal) => Set(ClassificationLevel.Internal, out level),
            nameof(ClassificationLevel.Confidential) => Set(ClassificationLevel.Confidential, out level),
            nameof(ClassificationLevel.Restricted) => Set(ClassificationLevel.Restricted, out level),
            _ => false,
        };
    }

    /// <summary>Returns the level the seed assigns to a kind of data.</summary>
    /// <param name="category">The kind of data.</param>
    /// <returns>The level.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The category is not defined.</exception>
    public static ClassificationLevel LevelOf(TradingDataCategory category) => category switch
    {
        TradingDataCategory.MarketData => ClassificationLevel.Internal,
        TradingDataCategory.OrderData => ClassificationLevel.Confidential,
        TradingDataCategory.PositionData => ClassificationLevel.Confidential,
        TradingDataCategory.ProfitAndLoss => ClassificationLevel.Restricted,
        TradingDataCategory.Configuration => ClassificationLevel.Internal,
        TradingDataCategory.Logs => ClassificationLevel.Internal,
        TradingDataCategory.UserData => ClassificationLevel.Confidential,
        TradingDataCategory.SecurityData => ClassificationLevel.Restricted,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown data category."),
    };

    /// <summary>Returns the classification the seed assigns to a kind of data.</summary>
    /// <param name="category">The kind of data.</param>
    /// <returns>The classification.</returns>
    public static DataClassification For(TradingDataCategory category) => ToClassification(LevelOf(category));

    /// <summary>Returns how data of a level must be handled.</summary>
    /// <param name="level">The level.</param>
    /// <returns>The handling requirements.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not defined.</exception>
    public static ClassificationHandling HandlingOf(ClassificationLevel level) => level switch
    {
        ClassificationLevel.Public => new(level, EncryptAtRest: false, EncryptFields: false, RedactInLogs: false, ClassificationAccess.Everyone),
        ClassificationLevel.Internal => new(level, EncryptAtRest: true, EncryptFields: false, RedactInLogs: true, ClassificationAccess.Authenticated),
        ClassificationLevel.Confidential => new(level, EncryptAtRest: true, EncryptFields: true, RedactInLogs: true, ClassificationAccess.Authorized),
        ClassificationLevel.Restricted => new(level, EncryptAtRest: true, EncryptFields: true, RedactInLogs: true, ClassificationAccess.SpecificRoles),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown classification level."),
    };

    private static bool Set(ClassificationLevel value, out ClassificationLevel level)
    {
        level = value;
        return true;
    }
}
