namespace TradingRl.Security.Tests.Contracts;

/// <summary>This assembly's name, for the contract suites' test-case discoverer.</summary>
internal static class ContractsAssembly
{
    public const string Name = "TradingRl.Security.Stores.PostgreSql.Tests";
}
