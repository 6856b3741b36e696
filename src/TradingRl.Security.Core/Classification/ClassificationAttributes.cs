using Microsoft.Extensions.Compliance.Classification;

namespace TradingRl.Security;

/// <summary>Marks a member as public data.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class PublicDataAttribute() : DataClassificationAttribute(TradingDataClassifications.Public);

/// <summary>Marks a member as internal data (seed: market data, configuration, logs).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class InternalDataAttribute() : DataClassificationAttribute(TradingDataClassifications.Internal);

/// <summary>Marks a member as confidential data (seed: orders, positions, user data).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class ConfidentialDataAttribute() : DataClassificationAttribute(TradingDataClassifications.Confidential);

/// <summary>Marks a member as restricted data (seed: P&amp;L, security data).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class RestrictedDataAttribute() : DataClassificationAttribute(TradingDataClassifications.Restricted);

/// <summary>Marks a member with the classification the seed assigns to a kind of data.</summary>
/// <param name="category">The kind of data.</param>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue | AttributeTargets.Class | AttributeTargets.Struct)]
public sealed class TradingDataAttribute(TradingDataCategory category) : DataClassificationAttribute(TradingDataClassifications.For(category))
{
    /// <summary>Gets the kind of data.</summary>
    public TradingDataCategory Category { get; } = category;
}
