using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Incidents;
using TradingRl.Security.Stores.PostgreSql;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

public sealed class PostgreSqlTradingSecurityBuilderExtensionsTests
{
    private const string Loopback = "Host=127.0.0.1;Port=5432;Username=u;Database=d";

    [Fact]
    public void UsePostgreSql_BeforeOrAfterAddAuthAndIncidents_ReplacesTheEmbeddedStores()
    {
        foreach (var postgresFirst in new[] { true, false })
        {
            var services = new ServiceCollection();
            services.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
            services.AddTradingSecurity(b =>
            {
                if (postgresFirst)
                {
                    b.UsePostgreSql(o => o.ConnectionString = Loopback);
                }

                b.AddAuth(o => { o.Issuer = "i"; o.Audience = "a"; }).AddIncidents();
                if (!postgresFirst)
                {
                    b.UsePostgreSql(o => o.ConnectionString = Loopback);
                }
            });
            using var provider = services.BuildServiceProvider();

            Assert.IsType<PostgreSqlRefreshTokenStore>(provider.GetRequiredService<IRefreshTokenStore>());
            Assert.IsType<PostgreSqlUserStore>(provider.GetRequiredService<IUserStore>());
            Assert.IsType<PostgreSqlIncidentStore>(provider.GetRequiredService<IIncidentStore>());
        }
    }

    [Fact]
    public void UsePostgreSql_CalledTwice_RegistersEachStoreAndTheHealthCheckOnce()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => o.ConnectionString = Loopback).UsePostgreSql(o => o.Schema = "desk"));
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IRefreshTokenStore));
        Assert.Single(provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == PostgreSqlStoreHealthCheck.Name);
        Assert.Equal("desk", provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.Schema);
    }

    [Fact]
    public void UsePostgreSql_FromConfiguration_BindsTheOptions()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PostgreSql:ConnectionString"] = Loopback,
            ["PostgreSql:Schema"] = "fleet_a",
            ["PostgreSql:CommandTimeout"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(config.GetSection("PostgreSql")));
        using var provider = services.BuildServiceProvider();

        var o = provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value;

        Assert.Equal("fleet_a", o.Schema);
        Assert.Equal(TimeSpan.FromSeconds(10), o.CommandTimeout);
    }

    [Theory]
    [InlineData("", "tradingrl", "ConnectionString")]
    [InlineData("Host=127.0.0.1;Nonsense Keyword=1", "tradingrl", "not a valid Npgsql connection string")]
    [InlineData("Username=u;Database=d", "tradingrl", "names no Host")]
    [InlineData("Host=db.desk.example;Username=u;SSL Mode=Disable", "tradingrl", "SSL Mode=Disable for a server that is not on loopback")]
    [InlineData("Host=db.desk.example;Username=u", "tradingrl", "SSL Mode=Prefer for a server that is not on loopback")]
    [InlineData("Host=db.desk.example;Username=u;SSL Mode=Allow", "tradingrl", "SSL Mode=Allow")]
    [InlineData("Host=db.desk.example;Username=u;SSL Mode=Require", "tradingrl", "SSL Mode=Require")]
    [InlineData("Host=127.0.0.1,db.desk.example;Username=u;SSL Mode=Require", "tradingrl", "SSL Mode=Require")]
    [InlineData("Host=localhost.desk.example;Username=u", "tradingrl", "SSL Mode=Prefer")]
    [InlineData("Host=127.0.0.1.desk.example;Username=u", "tradingrl", "SSL Mode=Prefer")]
    [InlineData("Host=[::2];Username=u", "tradingrl", "SSL Mode=Prefer")]
    [InlineData(Loopback, "Bad-Name", "PostgreSqlStoreOptions.Schema")]
    [InlineData(Loopback, "x\"; DROP TABLE users; --", "PostgreSqlStoreOptions.Schema")]
    [InlineData(Loopback, "a234567890123456789012345678901234567890123456789012345678901234", "PostgreSqlStoreOptions.Schema")]
    public void Options_Invalid_FailAtStartNamingTheSetting(string connectionString, string schema, string expected)
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => { o.ConnectionString = connectionString; o.Schema = schema; }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db.desk.example;Username=u;SSL Mode=VerifyFull")]
    [InlineData("Host=db.desk.example;Username=u;SSL Mode=VerifyCA;Root Certificate=/etc/desk/ca.pem")]
    [InlineData("Host=localhost;Username=u")]
    [InlineData("Host=/var/run/postgresql;Username=u")]
    public void Options_VerifiedTlsOrLoopback_Pass(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => o.ConnectionString = connectionString));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(connectionString, provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.ConnectionString);
    }

    [Theory]
    [InlineData("Host=::1;Username=u")]
    [InlineData("Host=[::1];Username=u")]
    [InlineData("Host=127.0.0.2;Username=u")]
    [InlineData("Host=LOCALHOST;Username=u")]
    [InlineData("Host=127.0.0.1:5433,localhost;Username=u")]
    public void Options_OtherLoopbackSpellings_Pass(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => o.ConnectionString = connectionString));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(connectionString, provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value.ConnectionString);
    }

    [Fact]
    public void Options_VerifyCaWithoutAPinnedRootCertificate_Fails()
    {
        // VerifyCA checks the chain but not the host name: with no Root Certificate it trusts every system CA, so any
        // certificate a public CA issued for any name (e.g. the attacker's own domain) passes. Only VerifyFull, or VerifyCA
        // with a pinned Root Certificate, authenticates the server.
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => o.ConnectionString = "Host=db.desk.example;Username=u;SSL Mode=VerifyCA"));
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value);
    }

    [Fact]
    public void Options_PasswordInAnInvalidConnectionString_IsNotEchoed()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => o.ConnectionString = "Host=db.desk.example;Password=hunter2-secret;SSL Mode=Disable"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value);

        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(301)]
    public void Options_CommandTimeoutOutOfRange_FailsAtStart(double seconds)
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.UsePostgreSql(o => { o.ConnectionString = Loopback; o.CommandTimeout = TimeSpan.FromSeconds(seconds); }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgreSqlStoreOptions>>().Value);

        Assert.Contains("CommandTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsePostgreSql_NullArguments_Throw()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b =>
        {
            Assert.Throws<ArgumentNullException>(() => b.UsePostgreSql((Action<PostgreSqlStoreOptions>)null!));
            Assert.Throws<ArgumentNullException>(() => b.UsePostgreSql((IConfigurationSection)null!));
        });
        Assert.Throws<ArgumentNullException>(() => ((ITradingSecurityBuilder)null!).UsePostgreSql(o => { }));
    }
}
