using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using TradingRl.Security;
using TradingRl.Security.AspNetCore;
using TradingRl.Security.AspNetCore.Authentication;
using TradingRl.Security.AspNetCore.Validation;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.SignIn;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Authorization;
using TradingRl.Security.Encryption;
using TradingRl.Security.Events;
using TradingRl.Security.WebApiSample;

// A small trading web API that places orders through the whole TradingRl.Security stack.
//   dotnet run --project samples/TradingRl.Security.WebApiSample            serves on http://127.0.0.1:5080
//   dotnet run --project samples/TradingRl.Security.WebApiSample -- --demo  runs a scripted client against itself and exits
// Keys (the encryption key ring that protects TOTP secrets) live under --data DIR (default ./webapi-data); the users are
// made afresh at each start and kept in memory.
var demo = args.Contains("--demo");
var builder = WebApplication.CreateSlimBuilder([.. args.Where(a => a != "--demo")]);
builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, demo ? 0 : 5080));
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var directory = new DeskDirectory();
builder.Services.AddSingleton<ISecurityPrincipalEnricher>(directory);
var dataDirectory = Path.GetFullPath(builder.Configuration["data"] ?? "webapi-data");
builder.Services.AddSingleton<OrderBook>();
builder.Services.AddTradingSecurity(security => security
    .AddEncryption(o =>
    {
        o.KeyRingDirectory = Path.Combine(dataDirectory, "keys");
        o.CreateIfMissing = true;
    })
    .AddAuth(o =>
    {
        o.Issuer = "webapi-sample";
        o.Audience = "trading-api";

        // Demo only: the scripted client signs in with passwords alone. A real desk keeps the default, a second
        // factor for every role ("*"), and completes sign-in with SignInService.CompleteMfaAsync.
        o.Totp.RequiredForRoles = [];
    })
    .AddAuthorization()
    .AddAspNetCore(o =>
    {
        o.RateLimits.EndpointBurst = 10;
        o.RateLimits.EndpointPerMinute = 30;
    })
    .AddEventSubscriber<ConsoleAuditSubscriber>());

var app = builder.Build();
app.UseTradingApiSecurity();

var v1 = app.MapTradingApi();
v1.MapPost("/auth/login", async (LoginRequest login, SignInService signIn, HttpContext context) =>
{
    var result = await signIn.PasswordSignInAsync(login.UserName, login.Password, context.Connection.RemoteIpAddress?.ToString());
    return result.Succeeded
        ? Results.Ok(new { accessToken = result.Tokens!.AccessToken, expiresAt = result.Tokens.AccessTokenExpiresAt })
        : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: result.Status.ToString());
});
v1.MapPost("/auth/logout", async (HttpContext context, SignInService signIn) =>
{
    var principal = context.GetSecurityPrincipal()!;
    return await signIn.SignOutAsync(principal.SessionId!) ? Results.NoContent() : Results.NotFound();
}).RequirePermission(Permissions.ViewRiskMetrics);
v1.MapPost("/orders", (OrderRequest order, HttpContext context, OrderBook book) =>
        book.TryAdd(context.GetSecurityPrincipal()!.Subject, order)
            ? Results.Created("/v1/orders/" + order.ClientOrderId, new { order.ClientOrderId, status = "accepted" })
            : Results.Conflict(new { order.ClientOrderId, status = "duplicate" }))
    .RequireOrderSchema()
    .RequirePermission(Permissions.PlaceOrder);
v1.MapGet("/orders", (OrderBook book) => Results.Ok(book.List())).RequirePermission(Permissions.ViewOrders);
v1.MapDelete("/orders/{clientOrderId}", (string clientOrderId, OrderBook book) =>
        book.TryCancel(clientOrderId) ? Results.Ok(new { clientOrderId, status = "cancelled" }) : Results.NotFound())
    .RequirePermission(Permissions.CancelOrder);

// Demo users, one a role, with passwords made at start (printed below; they live in memory only).
var accounts = app.Services.GetRequiredService<AccountManager>();
var users = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var role in new[] { TradingRoles.Viewer, TradingRoles.Analyst, TradingRoles.Trader, TradingRoles.Admin })
{
    var password = "demo-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
    var created = await accounts.CreateAsync(role + "-user", password, [role]);
    if (!created.Succeeded)
    {
        throw new InvalidOperationException($"The demo user for {role} could not be created: {created.Violation}.");
    }

    users[role] = password;
    directory.Grant(created.Account!.Subject, role == TradingRoles.Admin ? ["DESK-A-1", "DESK-A-2"] : ["DESK-A-1"]);
}

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"TradingRl.Security web API sample on {address}");
foreach (var (role, password) in users)
{
    Console.WriteLine($"  user {role + "-user",-13} password {password}");
}

if (!demo)
{
    Console.WriteLine("POST /v1/auth/login {\"userName\":..,\"password\":..}, then Authorization: Bearer <accessToken> on /v1/orders. Ctrl+C stops.");
    await app.WaitForShutdownAsync();
    return 0;
}

var failures = await DemoClient.RunAsync(new Uri(address), users);
await app.Services.GetRequiredService<SecurityEventPipeline>().FlushAsync();
await app.StopAsync();
Console.WriteLine(failures == 0 ? "Demo: every step answered as expected." : $"Demo: {failures} step(s) answered differently than expected.");
return failures == 0 ? 0 : 1;

internal sealed record LoginRequest(string UserName, string Password);
