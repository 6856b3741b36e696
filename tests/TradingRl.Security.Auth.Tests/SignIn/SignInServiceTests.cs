using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.SignIn;

public sealed class SignInServiceTests
{
    [Fact]
    public async Task FullFlow_PasswordThenTotp_SessionAndTokens_AccessTokenValidates()
    {
        using var host = new AuthHost();
        var (subject, secret, _) = await host.ProvisionAsync();
        var result = await host.FullSignInAsync("Alice", secret);

        var validated = await host.Validator.ValidateAsync(result.Tokens!.AccessToken);
        Assert.True(validated.IsValid, validated.Reason.ToString());
        Assert.Equal(subject, validated.Principal.Subject);
        Assert.Equal(result.Tokens.SessionId, validated.Principal.SessionId);
        Assert.Contains("mfa", validated.Principal.AuthenticationMethods);
        Assert.True(validated.Principal.Permissions.IsEmpty);
        Assert.Contains(host.Events.Events, e => e.Type == "auth.login.succeeded" && e.Actor == subject);
        Assert.Contains(host.Events.Events, e => e.Type == "auth.session.created");
    }

    [Fact]
    public async Task RefreshAsync_RotatesAndOldTokenReuse_RevokesFamilyAndFails()
    {
        using var host = new AuthHost();
        var (_, secret, _) = await host.ProvisionAsync();
        var signedIn = await host.FullSignInAsync("alice", secret);
        var refreshed = await host.SignIn.RefreshAsync(signedIn.Tokens!.RefreshToken);
        Assert.True(refreshed.Succeeded);
        Assert.True((await host.Validator.ValidateAsync(refreshed.Tokens!.AccessToken)).IsValid);

        Assert.Equal(SignInStatus.Failed, (await host.SignIn.RefreshAsync(signedIn.Tokens.RefreshToken)).Status);
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.RefreshAsync(refreshed.Tokens.RefreshToken)).Status);
        Assert.Contains(host.Events.Events, e => e.Type == "auth.refresh.reused" && e.Severity == Events.SecuritySeverity.Critical);
    }

    [Fact]
    public async Task PasswordSignInAsync_WrongPasswordAndUnknownUser_SameAnswerSameWork()
    {
        using var host = new AuthHost();
        await host.ProvisionAsync();
        var before = host.Hasher.Verifies;
        var wrong = await host.SignIn.PasswordSignInAsync("alice", "not the password at all");
        var unknown = await host.SignIn.PasswordSignInAsync("mallory", "not the password at all");
        Assert.Equal(SignInStatus.Failed, wrong.Status);
        Assert.Equal(wrong, unknown);
        Assert.Equal(before + 2, host.Hasher.Verifies);
    }

    [Fact]
    public async Task PasswordSignInAsync_TwentyConcurrentWrongPasswords_AtMostSixVerifiedThenLocked()
    {
        using var host = new AuthHost();
        await host.ProvisionAsync();
        host.Hasher.Delay = TimeSpan.FromMilliseconds(20);
        var before = host.Hasher.Verifies;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(async () => await host.SignIn.PasswordSignInAsync("alice", "wrong password " + i))));

        // Five failures, the sixth locks; the other fourteen are refused without their password being checked.
        Assert.Equal(6, host.Hasher.Verifies - before);
        Assert.Equal(5, results.Count(r => r.Status == SignInStatus.Failed));
        Assert.Equal(15, results.Count(r => r.Status == SignInStatus.LockedOut));
        Assert.Equal(SignInStatus.LockedOut, (await host.SignIn.PasswordSignInAsync("alice", AuthHost.Password)).Status);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("nobody-by-this-name")]
    public async Task PasswordSignInAsync_SixthFailureInFiveMinutes_LockedOut_KnownOrNot(string userName)
    {
        using var host = new AuthHost();
        await host.ProvisionAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SignInStatus.Failed, (await host.SignIn.PasswordSignInAsync(userName, "wrong password " + i)).Status);
        }

        var sixth = await host.SignIn.PasswordSignInAsync(userName, "wrong password 6");
        Assert.Equal(SignInStatus.LockedOut, sixth.Status);
        Assert.Equal(host.Time.GetUtcNow().AddMinutes(5), sixth.RetryAfter);
        Assert.Equal(SignInStatus.LockedOut, (await host.SignIn.PasswordSignInAsync(userName, AuthHost.Password)).Status);
        Assert.Single(host.Events.Events, e => e.Type == "auth.account.locked");
        Assert.Equal(7, host.Events.Events.Count(e => e.Type == "auth.login.failed"));

        host.Time.Advance(TimeSpan.FromMinutes(5));
        var after = await host.SignIn.PasswordSignInAsync(userName, AuthHost.Password);
        Assert.Equal(userName == "alice" ? SignInStatus.MfaRequired : SignInStatus.Failed, after.Status);
    }

    [Fact]
    public async Task CompleteMfaAsync_WrongCode_MfaFailed_ChallengeSingleUse()
    {
        using var host = new AuthHost();
        var (_, secret, recovery) = await host.ProvisionAsync();
        var first = await host.SignIn.PasswordSignInAsync("alice", AuthHost.Password);
        var code = host.CurrentCode(secret);
        Assert.Equal(SignInStatus.MfaFailed, (await host.SignIn.CompleteMfaAsync(first.ChallengeId!, code == "123456" ? "654321" : "123456")).Status);
        Assert.Equal(SignInStatus.Succeeded, (await host.SignIn.CompleteMfaAsync(first.ChallengeId!, code)).Status);
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.CompleteMfaAsync(first.ChallengeId!, code)).Status);
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.CompleteMfaAsync("not-a-challenge", code)).Status);

        var second = await host.SignIn.PasswordSignInAsync("alice", AuthHost.Password);
        var viaRecovery = await host.SignIn.CompleteWithRecoveryCodeAsync(second.ChallengeId!, recovery[0]);
        Assert.True(viaRecovery.Succeeded);
        Assert.Contains(host.Events.Events, e => e.Type == "auth.mfa.failed");
    }

    [Fact]
    public async Task CompleteMfaAsync_ChallengeExpired_Failed()
    {
        using var host = new AuthHost();
        var (_, secret, _) = await host.ProvisionAsync();
        var first = await host.SignIn.PasswordSignInAsync("alice", AuthHost.Password);
        host.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.CompleteMfaAsync(first.ChallengeId!, host.CurrentCode(secret))).Status);
    }

    [Fact]
    public async Task PasswordSignInAsync_NoAuthenticatorEnrolled_MfaEnrollmentRequired_NoTokens()
    {
        using var host = new AuthHost();
        await host.Accounts.CreateAsync("bob", AuthHost.Password, ["viewer"]);
        var r = await host.SignIn.PasswordSignInAsync("bob", AuthHost.Password);
        Assert.Equal(SignInStatus.MfaEnrollmentRequired, r.Status);
        Assert.Null(r.Tokens);
    }

    [Fact]
    public async Task PasswordSignInAsync_RoleWithoutMfaRequirement_SucceedsWithPasswordOnly()
    {
        using var host = new AuthHost(o => o.Totp.RequiredForRoles = ["admin"]);
        await host.Accounts.CreateAsync("agent-7", AuthHost.Password, ["viewer"]);
        var r = await host.SignIn.PasswordSignInAsync("agent-7", AuthHost.Password);
        Assert.True(r.Succeeded);
        var v = await host.Validator.ValidateAsync(r.Tokens!.AccessToken);
        Assert.Equal(["pwd"], v.Principal!.AuthenticationMethods);
    }

    [Fact]
    public async Task ChangePasswordAsync_RevokesOtherSessionsAndEarlierTokens_KeepsCurrentSession()
    {
        using var host = new AuthHost();
        var (subject, secret, _) = await host.ProvisionAsync();
        var a = await host.FullSignInAsync("alice", secret);
        var b = await host.FullSignInAsync("alice", secret);
        host.Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Users.PasswordChangeResult.Succeeded, await host.Accounts.ChangePasswordAsync(subject, AuthHost.Password, "quiet harbour lanterns at dusk", a.Tokens!.SessionId));
        Assert.Equal(TokenRejectionReason.Revoked, (await host.Validator.ValidateAsync(b.Tokens!.AccessToken)).Reason);
        Assert.Equal(TokenRejectionReason.Revoked, (await host.Validator.ValidateAsync(a.Tokens.AccessToken)).Reason);
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.RefreshAsync(b.Tokens.RefreshToken)).Status);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var renewed = await host.SignIn.RefreshAsync(a.Tokens.RefreshToken);
        Assert.True(renewed.Succeeded);
        Assert.True((await host.Validator.ValidateAsync(renewed.Tokens!.AccessToken)).IsValid);
        Assert.Contains(host.Events.Events, e => e.Type == "auth.password.changed" && e.Outcome == Events.SecurityOutcome.Success);
        Assert.Equal(Users.PasswordChangeResult.WrongPassword, await host.Accounts.ChangePasswordAsync(subject, AuthHost.Password, "another long passphrase here"));
        Assert.Equal(Users.PasswordChangeResult.PolicyViolation, await host.Accounts.ChangePasswordAsync(subject, "quiet harbour lanterns at dusk", "short"));
    }

    [Fact]
    public async Task SignOutAsync_AccessTokenRevoked()
    {
        using var host = new AuthHost();
        var (_, secret, _) = await host.ProvisionAsync();
        var r = await host.FullSignInAsync("alice", secret);
        Assert.True((await host.Validator.ValidateAsync(r.Tokens!.AccessToken)).IsValid);
        Assert.True(await host.SignIn.SignOutAsync(r.Tokens.SessionId));
        Assert.Equal(TokenRejectionReason.Revoked, (await host.Validator.ValidateAsync(r.Tokens.AccessToken)).Reason);
    }

    [Fact]
    public async Task AccountContainment_LockAndRevoke_SignInRefusedAndTokensDead()
    {
        using var host = new AuthHost();
        var (subject, secret, _) = await host.ProvisionAsync();
        var r = await host.FullSignInAsync("alice", secret);
        var containment = host.Provider.GetRequiredService<IAccountContainment>();
        await containment.LockAccountAsync(subject, "incident 42");
        Assert.Equal(1, await containment.RevokeSessionsAsync(subject, "incident 42"));
        Assert.Equal(TokenRejectionReason.Revoked, (await host.Validator.ValidateAsync(r.Tokens!.AccessToken)).Reason);
        Assert.Equal(SignInStatus.LockedOut, (await host.SignIn.PasswordSignInAsync("alice", AuthHost.Password)).Status);
    }

    [Fact]
    public async Task AccountContainment_BySignInName_LocksAndRevokesLikeBySubject()
    {
        // Detection rules see the sign-in name of auth.login.failed, not the subject id.
        using var host = new AuthHost();
        var (_, secret, _) = await host.ProvisionAsync();
        var r = await host.FullSignInAsync("alice", secret);
        var containment = host.Provider.GetRequiredService<IAccountContainment>();

        await containment.LockAccountAsync("alice", "brute force");

        Assert.Equal(1, await containment.RevokeSessionsAsync("alice", "brute force"));
        Assert.Equal(TokenRejectionReason.Revoked, (await host.Validator.ValidateAsync(r.Tokens!.AccessToken)).Reason);
        Assert.Equal(SignInStatus.LockedOut, (await host.SignIn.PasswordSignInAsync("alice", AuthHost.Password)).Status);
    }

    [Fact]
    public async Task AccountContainment_UnknownName_LockedAnywayAndNoSessions()
    {
        using var host = new AuthHost();
        var containment = host.Provider.GetRequiredService<IAccountContainment>();

        await containment.LockAccountAsync("nobody-by-this-name", "brute force");

        Assert.Equal(0, await containment.RevokeSessionsAsync("nobody-by-this-name", "brute force"));
        Assert.Equal(SignInStatus.LockedOut, (await host.SignIn.PasswordSignInAsync("nobody-by-this-name", "whatever it is")).Status);
        await Assert.ThrowsAsync<ArgumentException>(async () => await containment.LockAccountAsync(" ", "x"));
    }

    [Fact]
    public async Task AccessToken_WithPermissionResolverRegistered_CarriesPermissions()
    {
        using var host = new AuthHost(services: s => s.AddSingleton<IPermissionResolver>(new TraderResolver()));
        var (_, secret, _) = await host.ProvisionAsync();
        var r = await host.FullSignInAsync("alice", secret);
        Assert.True((await host.Validator.ValidateAsync(r.Tokens!.AccessToken)).Principal!.HasPermission(Permissions.PlaceOrder));
    }

    private sealed class TraderResolver : IPermissionResolver
    {
        public PermissionSet Resolve(IReadOnlyList<string> roles) => roles.Contains("trader") ? PermissionSet.Of(Permissions.PlaceOrder) : PermissionSet.Empty;
    }

    [Fact]
    public async Task Inputs_NullOrHuge_TypedErrorsOrFailed()
    {
        using var host = new AuthHost();
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await host.SignIn.PasswordSignInAsync(null!, "x"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await host.SignIn.PasswordSignInAsync("x", null!));
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.PasswordSignInAsync(new string('a', 10_000), "x")).Status);
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.PasswordSignInAsync(string.Empty, "x")).Status);
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.PasswordSignInAsync("alice", new string('p', 100_000))).Status);
        Assert.Equal(SignInStatus.Failed, (await host.SignIn.RefreshAsync("garbage")).Status);
    }

    [Fact]
    public void Startup_WithoutSecretProtector_FailsNamingTheRemedy()
    {
        using var host = new AuthHost(withProtector: false);
        var ex = Assert.Throws<OptionsValidationException>(() => host.Provider.ValidateTradingSecurity());
        Assert.Contains("ISecretProtector", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AddEncryption()", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Issuer")]
    [InlineData("ClockSkew")]
    [InlineData("Parallelism")]
    [InlineData("MemoryKiB")]
    [InlineData("MaxLifetime")]
    public void Options_Insecure_RefusedAtStartNamingSetting(string setting)
    {
        using var host = new AuthHost(o =>
        {
            switch (setting)
            {
                case "Issuer": o.Issuer = string.Empty; break;
                case "ClockSkew": o.AccessTokens.ClockSkew = TimeSpan.FromMinutes(5); break;
                case "Parallelism": o.PasswordHashing.Parallelism = 4; break;
                case "MemoryKiB": o.PasswordHashing.MemoryKiB = 4096; break;
                default: o.AccessTokens.Lifetime = TimeSpan.FromHours(2); break;
            }
        });
        var ex = Assert.Throws<OptionsValidationException>(() => host.Provider.GetRequiredService<IOptions<AuthOptions>>().Value);
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAuth_Twice_RegistersOnce()
    {
        var s = new ServiceCollection();
        s.AddTradingSecurity(b => b.AddAuth(o => { o.Issuer = "i"; o.Audience = "a"; }).AddAuth(o => { o.Issuer = "i"; o.Audience = "a"; }));
        Assert.Single(s, d => d.ServiceType == typeof(SignInService));
        Assert.Equal(2, s.Count(d => d.ServiceType == typeof(Microsoft.Extensions.Options.IValidateOptions<AuthOptions>)));
    }
}
