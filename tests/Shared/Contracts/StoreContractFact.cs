using Xunit.Abstractions;
using Xunit.Sdk;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>
/// A fact of a store contract suite: it runs in every class derived from the suite, and is skipped (locally) or failed (CI) in a
/// derived class marked <see cref="ContractServerAttribute"/> whose server is not configured, as <see cref="PostgreSqlFactAttribute"/> does.
/// </summary>
/// <remarks>A test project that compiles the contracts defines <c>TradingRl.Security.Tests.Contracts.ContractsAssembly.Name</c> (its assembly name).</remarks>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("TradingRl.Security.Tests.Contracts.StoreContractFactDiscoverer", ContractsAssembly.Name)]
internal sealed class StoreContractFactAttribute : FactAttribute;

/// <summary>Marks a contract-suite class that runs against a server named by an environment variable (e.g. <c>TRADINGRL_POSTGRES</c>).</summary>
/// <param name="variable">The environment variable holding the connection string.</param>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class ContractServerAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}

/// <summary>Discovers <see cref="StoreContractFactAttribute"/> tests, with the skip reason of the derived class's server.</summary>
internal sealed class StoreContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        [new StoreContractTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}

/// <summary>A contract test case whose skip reason depends on the class it runs in.</summary>
internal sealed class StoreContractTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer only.", error: true)]
    public StoreContractTestCase()
    {
    }

    public StoreContractTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(sink, display, options, testMethod)
    {
    }

    protected override string? GetSkipReason(IAttributeInfo factAttribute)
    {
        var server = TestMethod.TestClass.Class.GetCustomAttributes(typeof(ContractServerAttribute)).FirstOrDefault();
        if (server is null)
        {
            return base.GetSkipReason(factAttribute);
        }

        var variable = server.GetConstructorArguments().Cast<string>().Single();
        var value = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : null;
        return TestServers.SkipReason(value, variable);
    }
}
