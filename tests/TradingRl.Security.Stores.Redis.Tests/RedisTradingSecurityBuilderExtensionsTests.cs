using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Testing;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Stores.Redis.Tests;

public sealed class RedisTradingSecurityBuilderExtensionsTests
{
    private const string Unreachable = "127.0.0.1:1";

    [Fact]
    public void UseRedis_AfterAddAuth_ReplacesTheInMemoryStores()
    {
        using var sp = Build(b => b.AddAuth(Auth).UseRedis(o => o.Configuration = Unreachable));
        AssertRedisStores(sp);
    }

    [Fact]
    public void UseRedis_BeforeAddAuth_StillWins()
    {
        using var sp = Build(b => b.UseRedis(o => o.Configuration = Unreachable).AddAuth(Auth));
        AssertRedisStores(sp);
    }

    [Fact]
    public void UseRedis_CalledTwice_RegistersEachStoreAndTheHealthCheckOnce()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b => b.AddAuth(Auth).UseRedis(o => o.Configuration = Unreachable).UseRedis(o => o.KeyPrefix = "desk:"));
        Assert.Single(services, d => d.ServiceType == typeof(ISlidingWindowCounterStore));
        Assert.Single(services, d => d.ServiceType == typeof(ILockoutStore));
        Assert.Single(services, d => d.ServiceType == typeof(ISessionStore));
        Assert.Single(services, d => d.ServiceType == typeof(IAccessTokenRevocation));
        Assert.Single(services, d => d.ServiceType == typeof(IMfaChallengeStore));
        Assert.Single(services, d => d.ServiceType == typeof(RedisConnection));
        using var sp = services.BuildServiceProvider();
        Assert.Single(sp.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == RedisTradingSecurityBuilderExtensions.HealthCheckName);
        Assert.Equal("desk:", sp.GetRequiredService<RedisConnection>().KeyPrefix);
    }

    [Fact]
    public void UseRedis_ConfigurationSection_BindsTheOptions()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = Unreachable,
            ["Redis:KeyPrefix"] = "fleet-a:",
            ["Redis:OperationTimeout"] = "00:00:01",
        }).Build();
        using var sp = Build(b => b.UseRedis(config.GetSection("Redis")));
        var o = sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value;
        Assert.Equal(Unreachable, o.Configuration);
        Assert.Equal("fleet-a:", o.KeyPrefix);
        Assert.Equal(TimeSpan.FromSeconds(1), o.OperationTimeout);
    }

    [Fact]
    public void Options_MissingConfiguration_RefusedAtStartNamingTheSetting()
    {
        using var sp = Build(b => b.UseRedis(_ => { }));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains("Configuration", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_InvalidSettings_FailsBeforeServing()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
        builder.Services.AddTradingSecurity(b => b.UseRedis(o => o.Configuration = "127.0.0.1:6379,allowAdmin=true"));
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("allowAdmin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AllowAdmin_RefusedWithoutEchoingThePassword()
    {
        using var sp = Build(b => b.UseRedis(o => o.Configuration = "127.0.0.1:6379,password=hunter2-secret,allowAdmin=true"));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains("allowAdmin", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_MalformedConfiguration_RefusedWithoutEchoingIt()
    {
        using var sp = Build(b => b.UseRedis(o => o.Configuration = "127.0.0.1:6379,password=hunter2-secret,nosuchoption=1"));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains("not a valid StackExchange.Redis configuration string", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis-1.desk.example:6379", "without TLS without a password")]
    [InlineData("redis-1.desk.example:6379,password=hunter2-secret", "without TLS")]
    [InlineData("redis-1.desk.example:6379,ssl=true", "without a password")]
    [InlineData("127.0.0.1:6379,10.0.0.5:6379,ssl=true", "without a password")]
    public void Options_RemoteServerWithoutTlsOrPassword_RefusedWithoutEchoingThePassword(string configuration, string expected)
    {
        using var sp = Build(b => b.UseRedis(o => o.Configuration = configuration));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains("not on loopback " + expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redis-1.desk.example:6380,ssl=true,password=p")]
    [InlineData("127.0.0.1:6379")]
    [InlineData("localhost:6379")]
    [InlineData("[::1]:6379")]
    public void Options_LoopbackOrTlsWithPassword_Accepted(string configuration)
    {
        using var sp = Build(b => b.UseRedis(o => o.Configuration = configuration));
        Assert.Equal(configuration, sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value.Configuration);
    }

    [Fact]
    public void Options_NoEndpoint_Refused()
    {
        using var sp = Build(b => b.UseRedis(o => o.Configuration = "password=x"));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains("names no server", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void Options_BadKeyPrefix_Refused(string prefix)
    {
        using var sp = Build(b => b.UseRedis(o => { o.Configuration = Unreachable; o.KeyPrefix = prefix; }));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains("KeyPrefix", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(120_000)]
    public void Options_OperationTimeoutOutOfRange_Refused(int milliseconds)
    {
        using var sp = Build(b => b.UseRedis(o => { o.Configuration = Unreachable; o.OperationTimeout = TimeSpan.FromMilliseconds(milliseconds); }));
        var ex = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<RedisStoreOptions>>().Value);
        Assert.Contains("OperationTimeout", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseRedis_NullArguments_Throw()
    {
        var services = new ServiceCollection();
        services.AddTradingSecurity(b =>
        {
            Assert.Throws<ArgumentNullException>(() => b.UseRedis((Action<RedisStoreOptions>)null!));
            Assert.Throws<ArgumentNullException>(() => b.UseRedis((IConfigurationSection)null!));
        });
        Assert.Throws<ArgumentNullException>(() => RedisTradingSecurityBuilderExtensions.UseRedis(null!, _ => { }));
    }

    [Fact]
    public async Task HealthCheck_ServerUnreachable_IsUnhealthyQuickly()
    {
        using var sp = Build(b => b.UseRedis(o => { o.Configuration = Unreachable; o.ConnectTimeout = TimeSpan.FromMilliseconds(300); o.OperationTimeout = TimeSpan.FromMilliseconds(300); }));
        var report = await sp.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Entries[RedisTradingSecurityBuilderExtensions.HealthCheckName].Status);
        Assert.Contains("unreachable", report.Entries[RedisTradingSecurityBuilderExtensions.HealthCheckName].Description, StringComparison.Ordinal);
    }

    [RedisFact]
    public async Task HealthCheck_ServerUp_IsHealthy()
    {
        using var sp = Build(b => b.UseRedis(o => o.Configuration = TestServers.RequireRedis()));
        var report = await sp.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, report.Entries[RedisTradingSecurityBuilderExtensions.HealthCheckName].Status);
    }

    private static void Auth(AuthOptions o)
    {
        o.Issuer = "desk-gateway";
        o.Audience = "trading-api";
    }

    private static ServiceProvider Build(Action<ITradingSecurityBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
        services.AddTradingSecurity(configure);
        return services.BuildServiceProvider();
    }

    private static void AssertRedisStores(ServiceProvider sp)
    {
        Assert.IsType<RedisSlidingWindowCounterStore>(sp.GetRequiredService<ISlidingWindowCounterStore>());
        Assert.IsType<RedisLockoutStore>(sp.GetRequiredService<ILockoutStore>());
        Assert.IsType<RedisSessionStore>(sp.GetRequiredService<ISessionStore>());
        Assert.IsType<RedisAccessTokenRevocation>(sp.GetRequiredService<IAccessTokenRevocation>());
        Assert.IsType<RedisMfaChallengeStore>(sp.GetRequiredService<IMfaChallengeStore>());
    }
}
