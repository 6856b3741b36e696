using System.Reflection;
using Microsoft.Extensions.Compliance.Classification;

namespace TradingRl.Security.Tests;

public sealed class TradingDataClassificationsTests
{
    // The seed's section 3.2 assignments.
    [Theory]
    [InlineData(TradingDataCategory.MarketData, ClassificationLevel.Internal)]
    [InlineData(TradingDataCategory.OrderData, ClassificationLevel.Confidential)]
    [InlineData(TradingDataCategory.PositionData, ClassificationLevel.Confidential)]
    [InlineData(TradingDataCategory.ProfitAndLoss, ClassificationLevel.Restricted)]
    [InlineData(TradingDataCategory.Configuration, ClassificationLevel.Internal)]
    [InlineData(TradingDataCategory.Logs, ClassificationLevel.Internal)]
    [InlineData(TradingDataCategory.UserData, ClassificationLevel.Confidential)]
    [InlineData(TradingDataCategory.SecurityData, ClassificationLevel.Restricted)]
    public void LevelOf_SeedCategory_GivesSeedLevel(TradingDataCategory category, ClassificationLevel expected)
    {
        Assert.Equal(expected, TradingDataClassifications.LevelOf(category));
        Assert.Equal(new DataClassification("TradingRl", expected.ToString()), TradingDataClassifications.For(category));
    }

    // The seed's section 3.1 handling table: public is not encrypted, the other three are.
    [Theory]
    [InlineData(ClassificationLevel.Public, false, ClassificationAccess.Everyone)]
    [InlineData(ClassificationLevel.Internal, true, ClassificationAccess.Authenticated)]
    [InlineData(ClassificationLevel.Confidential, true, ClassificationAccess.Authorized)]
    [InlineData(ClassificationLevel.Restricted, true, ClassificationAccess.SpecificRoles)]
    public void HandlingOf_Level_MatchesSeedTable(ClassificationLevel level, bool encrypt, ClassificationAccess access)
    {
        var h = TradingDataClassifications.HandlingOf(level);
        Assert.Equal(encrypt, h.EncryptAtRest);
        Assert.Equal(access, h.Access);
    }

    [Fact]
    public void TryGetLevel_ForeignTaxonomy_FailsClosedAsRestricted()
    {
        Assert.False(TradingDataClassifications.TryGetLevel(new DataClassification("Other", "Public"), out var level));
        Assert.Equal(ClassificationLevel.Restricted, level);
        Assert.False(TradingDataClassifications.TryGetLevel(new DataClassification("TradingRl", "Secretish"), out level));
        Assert.Equal(ClassificationLevel.Restricted, level);
        Assert.True(TradingDataClassifications.TryGetLevel(TradingDataClassifications.Public, out level));
        Assert.Equal(ClassificationLevel.Public, level);
    }

    [Fact]
    public void Attributes_OnHostType_CarryTheirClassification()
    {
        static DataClassification Of(string member) =>
            typeof(HostPosition).GetProperty(member)!.GetCustomAttribute<DataClassificationAttribute>()!.Classification;

        Assert.Equal(TradingDataClassifications.Internal, Of(nameof(HostPosition.Symbol)));
        Assert.Equal(TradingDataClassifications.Confidential, Of(nameof(HostPosition.Quantity)));
        Assert.Equal(TradingDataClassifications.Restricted, Of(nameof(HostPosition.Pnl)));
        Assert.Equal(TradingDataClassifications.Public, Of(nameof(HostPosition.Venue)));
        Assert.Equal(TradingDataClassifications.Restricted, Of(nameof(HostPosition.ApiKey)));
    }

    [Fact]
    public void Undefined_EnumValues_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TradingDataClassifications.LevelOf((TradingDataCategory)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => TradingDataClassifications.ToClassification((ClassificationLevel)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => TradingDataClassifications.HandlingOf((ClassificationLevel)99));
    }

    private sealed class HostPosition
    {
        [TradingData(TradingDataCategory.MarketData)]
        public string Symbol { get; set; } = "USDJPY";

        [ConfidentialData]
        public decimal Quantity { get; set; }

        [TradingData(TradingDataCategory.ProfitAndLoss)]
        public decimal Pnl { get; set; }

        [PublicData]
        public string Venue { get; set; } = "XNAS";

        [RestrictedData]
        public string ApiKey { get; set; } = string.Empty;
    }
}
