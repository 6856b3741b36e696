using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRl.Security;
using TradingRl.Security.AspNetCore;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Mfa;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Authorization;
using TradingRl.Security.Compliance;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Encryption;
using TradingRl.Security.Events;
using TradingRl.Security.Incidents;
using TradingRl.Security.Stores.PostgreSql;
using TradingRl.Security.Stores.Redis;
using TradingRl.Security.Testing;

// A host built only from the packed packages: every package composed, then a sign-in with password + TOTP, an
// authorized order through the pre-trade gate and an audit-trail verification. Exit code 0 only if all three succeed.
//   usage: TradingRl.Security.Consumer <data-directory> [--stores]
// With --stores the host keeps its shared state as a fleet would: PostgreSQL (TRADINGRL_POSTGRES: refresh tokens, users,
// incidents, key ring, audit) and Redis (TRADINGRL_REDIS: sessions, counters, lockout, revocation, MFA challenges), in a
// schema and a key prefix of its own.
var data = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? Path.GetFullPath(args[0]) : Directory.CreateTempSubdirectory("trsec-consumer-").FullName;
var fleetStores = args.Contains("--stores");
var run = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
Directory.CreateDirectory(data);

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<IOrderCancellationHandler, ConsumerOrderGateway>(); // Compliance's kill switch cancels through it
builder.Services.AddTradingSecurity(security => security
    .AddEncryption(o =>
    {
        o.KeyRingDirectory = Path.Combine(data, "keys");
        o.CreateIfMissing = true;
    })
    .AddAuth(o =>
    {
        o.Issuer = "consumer-test";
        o.Audience = "consumer-desk";
        o.PasswordHashing.MemoryKiB = PasswordHashingOptions.MinimumMemoryKiB;
        o.PasswordHashing.Iterations = 2;
    })
    .AddAuthorization(o => o.UseTradingRoles())
    .AddCompliance(o => o.Reporting.Directory = Path.Combine(data, "trade-reports"))
    .AddAuditTrail(o => o.Directory = Path.Combine(data, "audit"))
    .AddIncidents(o => o.DataDirectory = Path.Combine(data, "incidents"))
    .AddAspNetCore()
    .AddEventSubscriber<CollectingSecurityEventSubscriber>());
if (fleetStores)
{
    builder.Services.AddTradingSecurity(security => security
        .UsePostgreSql(o =>
        {
            o.ConnectionString = Required("TRADINGRL_POSTGRES");
            o.Schema = "consumer_" + run;
        })
        .UseRedis(o =>
        {
            o.Configuration = Required("TRADINGRL_REDIS");
            o.KeyPrefix = "consumer-" + run + ":";
        }));
}

using var host = builder.Build();
await host.StartAsync();
var services = host.Services;
var time = services.GetRequiredService<TimeProvider>();
var failures = new List<string>();

// 1. Sign-in: a trader provisioned with an Argon2id password and TOTP signs in with both factors.
var accounts = services.GetRequiredService<AccountManager>();
var signIn = services.GetRequiredService<SignInService>();
var password = "consumer " + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)) + " passphrase";
var created = await accounts.CreateAsync("agent-1", password, [TradingRoles.Trader]);
SecurityPrincipal? signedIn = null;
if (created.Account is { } user)
{
    var enrolment = await accounts.EnrollTotpAsync(user.Subject);
    var first = await signIn.PasswordSignInAsync("agent-1", password, "127.0.0.1");
    if (first.Status == SignInStatus.MfaRequired && Base32.TryDecode(enrolment.SecretBase32, out var secret))
    {
        var second = await signIn.CompleteMfaAsync(first.ChallengeId!, Totp.ComputeTotp(secret, time.GetUtcNow()));
        if (second.Tokens is { } tokens)
        {
            var check = await services.GetRequiredService<AccessTokenValidator>().ValidateAsync(tokens.AccessToken);
            signedIn = check.IsValid ? check.Principal : null;
        }
    }
}

Report("sign-in (password + TOTP, access token validated)", signedIn is not null && signedIn.AuthenticationMethods.Count >= 2);

// 2. An authorized order through the pre-trade gate.
var orderAllowed = false;
if (signedIn is not null)
{
    var book = services.GetRequiredService<PortfolioBook>();
    book.DefineInstrument(new Instrument("EUR/USD", "USD", tickSize: 0.00001m, lotSize: 1m) { DailyVolatility = 0.01m });
    book.DefineAccount(new TradingAccount("agent-1", startOfDayNav: 10_000_000m, "USD"));
    book.UpdateMarketData("EUR/USD", new MarketQuote(1.08000m, 1.08010m, null, time.GetUtcNow()));

    string[] roles = [.. signedIn.Roles];
    var principal = new SecurityPrincipal(signedIn.Subject)
    {
        Roles = roles,
        Permissions = services.GetRequiredService<IPermissionResolver>().Resolve(roles),
        Desk = "fx",
        Accounts = ["agent-1"],
        SessionId = signedIn.SessionId,
        AuthenticatedAt = signedIn.AuthenticatedAt,
        AuthenticationMethods = signedIn.AuthenticationMethods,
    };
    var request = new AuthorizationRequest(Permissions.PlaceOrder) { Account = "agent-1", Instrument = "EUR/USD", Desk = "fx", Notional = 1.08010m * 10_000m };
    var decision = services.GetRequiredService<ITradingAuthorizer>().Authorize(principal, in request);
    var order = new OrderRequest("consumer-1", "agent-1", "EUR/USD", OrderSide.Buy, OrderType.Limit, 10_000m, 1.08010m) { Strategy = "consumer-test" };
    var risk = services.GetRequiredService<PreTradeRiskGate>().Check(in order);
    orderAllowed = decision.IsAllowed && risk.IsAllowed;
    if (!orderAllowed)
    {
        Console.Error.WriteLine($"  authorization: {decision.ReasonCode}; gate: {risk}");
    }
}

Report("authorized order through the pre-trade gate", orderAllowed);

// 3. The audit trail: everything delivered, a checkpoint signed, the log verified against it.
await services.GetRequiredService<SecurityEventPipeline>().FlushAsync();
var trail = services.GetRequiredService<AuditTrail>();
var checkpoint = await trail.CheckpointAsync();
var verification = await trail.VerifyAsync([checkpoint]);
var collected = services.GetServices<ISecurityEventSubscriber>().OfType<CollectingSecurityEventSubscriber>().Single();
Report($"audit trail verified ({checkpoint.TreeSize} records{(fleetStores ? " in PostgreSQL" : "")}; {collected.Count} events collected)", verification.IsValid && checkpoint.TreeSize > 0 && collected.Count > 0);

await host.StopAsync();
Console.WriteLine(failures.Count == 0 ? "consumer test passed" : "consumer test FAILED: " + string.Join("; ", failures));
return failures.Count == 0 ? 0 : 1;

static string Required(string variable) =>
    Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value ? value : throw new InvalidOperationException($"--stores needs {variable}: start the servers with eval \"$(eng/services.sh start DIR)\".");

void Report(string step, bool ok)
{
    Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {step}");
    if (!ok)
    {
        failures.Add(step);
    }
}

/// <summary>The consumer's order gateway: the kill switch would cancel resting orders through it (this host has none).</summary>
internal sealed class ConsumerOrderGateway : IOrderCancellationHandler
{
    public ValueTask RequestCancelAsync(OpenOrder order, string reason, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
