using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TradingRl.Security.Stores.Redis;

/// <summary>Refuses a configuration string that does not parse, names no server, enables admin commands, or reaches a server beyond loopback without TLS and a password.</summary>
internal sealed class RedisStoreOptionsConsistencyValidator : IValidateOptions<RedisStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            return ValidateOptionsResult.Skip;
        }

        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(options.Configuration);
        }
        catch (ArgumentException)
        {
            // The configuration string may hold a password: say what is wrong, never echo it.
            return ValidateOptionsResult.Fail("RedisStoreOptions.Configuration is not a valid StackExchange.Redis configuration string (host:port[,option=value...]).");
        }

        var failures = new List<string>();
        if (parsed.EndPoints.Count == 0)
        {
            failures.Add("RedisStoreOptions.Configuration names no server: give at least one host:port.");
        }

        if (parsed.AllowAdmin)
        {
            failures.Add("RedisStoreOptions.Configuration must not set allowAdmin=true: the stores need no admin commands (FLUSHALL, CONFIG, ...), and a stolen connection could wipe every lockout and session.");
        }

        // Beyond loopback the lockout, session and revocation state crosses a network: it must be encrypted (a TLS sidecar
        // listens on loopback, so it is not refused) and the server must demand a password, or anyone on that network can
        // read sessions or wipe lockouts.
        if (!parsed.EndPoints.All(IsLoopback) && (!parsed.Ssl || string.IsNullOrEmpty(parsed.Password)))
        {
            failures.Add("RedisStoreOptions.Configuration reaches a server that is not on loopback " + (parsed.Ssl ? string.Empty : "without TLS ") +
                (string.IsNullOrEmpty(parsed.Password) ? "without a password " : string.Empty) +
                "(sessions, lockouts and token revocations would be readable or erasable on the network): add ssl=true and password=... (or user=...,password=... for an ACL user), or reach it through a TLS proxy on loopback.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.IPEndPoint ip => System.Net.IPAddress.IsLoopback(ip.Address),
        System.Net.DnsEndPoint dns => string.Equals(dns.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (System.Net.IPAddress.TryParse(dns.Host, out var address) && System.Net.IPAddress.IsLoopback(address)),
        System.Net.Sockets.UnixDomainSocketEndPoint => true,
        _ => false,
    };
}
