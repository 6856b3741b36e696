using TradingRl.Security.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests;

public sealed class AuthTradingSecurityBuilderExtensionsTests
{
    [Fact]
    public void AddAuth_ConfigurationSection_BindsNestedOptions()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "desk-gateway",
            ["Auth:Audience"] = "trading-api",
            ["Auth:AccessTokens:Algorithm"] = "EdDSA",
            ["Auth:AccessTokens:Lifetime"] = "00:05:00",
            ["Auth:Lockout:MaxFailures"] = "3",
            ["Auth:Totp:RequiredForRoles:0"] = "admin",
            ["Auth:Totp:RequiredForRoles:1"] = "risk",
        }).Build();
        var s = new ServiceCollection();
        s.AddSingleton<ISecretProtector>(new FixedKeySecretProtector());
        s.AddTradingSecurity(b => b.AddAuth(config.GetSection("Auth")));
        using var sp = s.BuildServiceProvider();
        sp.ValidateTradingSecurity();
        var o = sp.GetRequiredService<IOptions<AuthOptions>>().Value;
        Assert.Equal(SigningAlgorithm.EdDSA, o.AccessTokens.Algorithm);
        Assert.Equal(TimeSpan.FromMinutes(5), o.AccessTokens.Lifetime);
        Assert.Equal(3, o.Lockout.MaxFailures);
        Assert.Equal(["admin", "risk"], o.Totp.RequiredForRoles); // replaces the default "*", not appended to it
        Assert.Equal(SigningAlgorithm.EdDSA, sp.GetRequiredService<SigningKeyRing>().Current.Algorithm);
        Assert.IsType<TradingRl.Security.Auth.SignIn.AccountContainment>(sp.GetRequiredService<IAccountContainment>());
    }

    [Fact]
    public void AddAuth_NullArguments_Throw()
    {
        var s = new ServiceCollection();
        s.AddTradingSecurity(b =>
        {
            Assert.Throws<ArgumentNullException>(() => b.AddAuth((Action<AuthOptions>)null!));
            Assert.Throws<ArgumentNullException>(() => b.AddAuth((IConfigurationSection)null!));
        });
        Assert.Throws<ArgumentNullException>(() => AuthTradingSecurityBuilderExtensions.AddAuth(null!, _ => { }));
    }

    [Fact]
    public void SigningKeyRing_InstallDuplicateKid_Throws()
    {
        using var ring = new SigningKeyRing(new AccessTokenOptions { Algorithm = SigningAlgorithm.HS256 }, TimeProvider.System);
        ring.Install(SigningKey.FromHmacSecret("k1", new byte[32], TimeProvider.System.GetUtcNow()));
        using var again = SigningKey.FromHmacSecret("k1", new byte[32], TimeProvider.System.GetUtcNow());
        Assert.Throws<ArgumentException>(() => ring.Install(again));
        Assert.Equal("k1", ring.Current.Kid);
    }
}
