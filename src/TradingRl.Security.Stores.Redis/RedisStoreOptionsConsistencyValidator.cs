using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace TradingRl.Security.Stores.Redis;

/// <summary>Refuses a configuration string that does not parse, names no server or enables admin commands.</summary>
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
