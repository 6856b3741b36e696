namespace TradingRl.Security;

/// <summary>The four data-classification levels of the seed (section 3.1), ordered from least to most sensitive.</summary>
public enum ClassificationLevel
{
    /// <summary>May be shown to anyone.</summary>
    Public = 0,

    /// <summary>For authenticated users; encrypted at rest.</summary>
    Internal = 1,

    /// <summary>For authorized users; encrypted at rest and as a field.</summary>
    Confidential = 2,

    /// <summary>For specific roles only; encrypted at rest and as a field.</summary>
    Restricted = 3,
}
