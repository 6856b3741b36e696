using Xunit.Abstractions;
using Xunit.Sdk;

namespace TradingRl.Security.Tests.Contracts;

/// <summary>
/// A fact of a contract suite: it runs in every class that derives the suite, and is skipped in a class marked
/// <see cref="NeedsServerAttribute"/> when that server's variable is unset (and CI does not require servers), exactly
/// as <see cref="RedisFactAttribute"/> and <see cref="PostgreSqlFactAttribute"/> do.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("TradingRl.Security.Tests.Contracts.ContractFactDiscoverer", TestAssemblyName.Value)]
internal sealed class ContractFactAttribute : FactAttribute
{
}

/// <summary>Marks a class deriving a contract suite as needing a server, named by its environment variable (e.g. <c>TRADINGRL_REDIS</c>).</summary>
/// <param name="variable">The environment variable holding the server's connection string.</param>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class NeedsServerAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}

/// <summary>Discovers <see cref="ContractFactAttribute"/> tests, skipping them when the class's server is absent.</summary>
internal sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    private readonly IMessageSink _sink = diagnosticMessageSink;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var server = testMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsServerAttribute).AssemblyQualifiedName).FirstOrDefault();
        if (server?.GetConstructorArguments().FirstOrDefault() is string variable)
        {
            var value = Environment.GetEnvironmentVariable(variable) is { Length: > 0 } v ? v : null;
            if (TestServers.SkipReason(value, variable) is { } reason)
            {
                return [new XunitSkippedDataRowTestCase(_sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
            }
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
