using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.Lockout;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Sessions;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Stores;

namespace TradingRl.Security.Auth;

/// <summary>Registers the Auth package on the TradingRl.Security builder.</summary>
public static class AuthTradingSecurityBuilderExtensions
{
    /// <summary>Adds authentication: passwords, access and refresh tokens, TOTP, sessions, lockout, the sign-in flow and <see cref="IAccountContainment"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options; <see cref="AuthOptions.Issuer"/> and <see cref="AuthOptions.Audience"/> are required.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. Needs an <see cref="ISecretProtector"/> (from <c>AddEncryption()</c>): without one the host fails to start.</remarks>
    public static ITradingSecurityBuilder AddAuth(this ITradingSecurityBuilder builder, Action<AuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddCore(builder);
    }

    /// <summary>Adds authentication with options bound from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, e.g. <c>TradingSecurity:Auth</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. Needs an <see cref="ISecretProtector"/> (from <c>AddEncryption()</c>).</remarks>
    public static ITradingSecurityBuilder AddAuth(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<AuthOptions>(section);
        return AddCore(builder);
    }

    private static ITradingSecurityBuilder AddCore(ITradingSecurityBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<AuthOptions>().ValidateOnStart();
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        s.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsConsistencyValidator>());
        builder.RequireService<ISecretProtector>("AddAuth() (TOTP secrets are stored encrypted)", "call AddEncryption() on the builder, or register an ISecretProtector");

        s.TryAddSingleton(TimeProvider.System);
        s.TryAddSingleton<ISlidingWindowCounterStore, InMemorySlidingWindowCounterStore>();
        s.TryAddSingleton<IUserStore, InMemoryUserStore>();
        s.TryAddSingleton<ISessionStore, InMemorySessionStore>();
        s.TryAddSingleton<IRefreshTokenStore, InMemoryRefreshTokenStore>();
        s.TryAddSingleton<IMfaStore, InMemoryMfaStore>();
        s.TryAddSingleton<IMfaChallengeStore, InMemoryMfaChallengeStore>();
        s.TryAddSingleton<ILockoutStore, InMemoryLockoutStore>();

        s.TryAddSingleton(sp => new PasswordPolicy(Options(sp).PasswordPolicy));
        s.TryAddSingleton<IPasswordHasher>(sp => new Argon2idPasswordHasher(Options(sp).PasswordHashing, sp.GetService<ILogger<Argon2idPasswordHasher>>()));
        s.TryAddSingleton(sp => new SigningKeyRing(Options(sp).AccessTokens, Time(sp), sp.GetService<ISecurityEventPublisher>()));
        s.TryAddSingleton(sp => new AccessTokenIssuer(Options(sp), sp.GetRequiredService<SigningKeyRing>(), Time(sp)));
        s.TryAddSingleton<IAccessTokenRevocation>(sp => new SessionTokenRevocation(
            sp.GetRequiredService<ISessionStore>(), sp.GetRequiredService<IUserStore>(), Options(sp).Sessions, Time(sp)));
        s.TryAddSingleton(sp => new AccessTokenValidator(
            Options(sp), sp.GetRequiredService<SigningKeyRing>(), sp.GetRequiredService<IAccessTokenRevocation>(), Time(sp),
            sp.GetService<IPermissionResolver>(), sp.GetService<ISecurityEventPublisher>(), sp.GetService<ILogger<AccessTokenValidator>>()));
        s.TryAddSingleton(sp => new RefreshTokenService(Options(sp).RefreshTokens, sp.GetRequiredService<IRefreshTokenStore>(), Time(sp), sp.GetService<ISecurityEventPublisher>()));
        s.TryAddSingleton(sp => new TotpAuthenticator(
            Options(sp), sp.GetRequiredService<IMfaStore>(), sp.GetRequiredService<ISecretProtector>(), sp.GetRequiredService<ISlidingWindowCounterStore>(), Time(sp), sp.GetService<ISecurityEventPublisher>()));
        s.TryAddSingleton(sp => new SessionManager(Options(sp).Sessions, sp.GetRequiredService<ISessionStore>(), Time(sp), sp.GetService<ISecurityEventPublisher>()));
        s.TryAddSingleton(sp => new LoginThrottle(Options(sp).Lockout, sp.GetRequiredService<ISlidingWindowCounterStore>(), sp.GetRequiredService<ILockoutStore>(), Time(sp)));
        s.TryAddSingleton(sp => new AccountManager(
            sp.GetRequiredService<IUserStore>(), sp.GetRequiredService<IPasswordHasher>(), sp.GetRequiredService<PasswordPolicy>(), sp.GetRequiredService<SessionManager>(),
            sp.GetRequiredService<RefreshTokenService>(), sp.GetRequiredService<TotpAuthenticator>(), Time(sp), sp.GetService<ISecurityEventPublisher>()));
        s.TryAddSingleton(sp => new SignInService(
            Options(sp), sp.GetRequiredService<IUserStore>(), sp.GetRequiredService<IPasswordHasher>(), sp.GetRequiredService<LoginThrottle>(),
            sp.GetRequiredService<TotpAuthenticator>(), sp.GetRequiredService<IMfaChallengeStore>(), sp.GetRequiredService<SessionManager>(),
            sp.GetRequiredService<AccessTokenIssuer>(), sp.GetRequiredService<RefreshTokenService>(), Time(sp), sp.GetService<ISecurityEventPublisher>()));
        s.TryAddSingleton<IAccountContainment>(sp => new AccountContainment(
            sp.GetRequiredService<IUserStore>(), sp.GetRequiredService<LoginThrottle>(), sp.GetRequiredService<SessionManager>(),
            sp.GetRequiredService<RefreshTokenService>(), Time(sp), sp.GetService<ISecurityEventPublisher>()));
        return builder;
    }

    private static AuthOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<AuthOptions>>().Value;

    private static TimeProvider Time(IServiceProvider sp) => sp.GetRequiredService<TimeProvider>();
}
