using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Stores.PostgreSql;

/// <summary>Where and how the PostgreSQL stores connect, and the schema they own.</summary>
public sealed class PostgreSqlStoreOptions : IValidatableObject
{
    /// <summary>The longest schema name PostgreSQL accepts (NAMEDATALEN - 1).</summary>
    public const int MaxSchemaLength = 63;

    /// <summary>Gets or sets the Npgsql connection string.</summary>
    /// <value>Required. Put the password in configuration or an environment variable, never in code; it is never logged.</value>
    [Required(AllowEmptyStrings = false)]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Gets or sets the schema the package creates and migrates; every table lives in it.</summary>
    /// <value>Default <c>tradingrl</c>. Lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.</value>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[a-z_][a-z0-9_]{0,62}$", ErrorMessage = "PostgreSqlStoreOptions.Schema must be lower-case letters, digits and underscores (starting with a letter or underscore), at most 63 characters: it is used as an SQL identifier.")]
    public string Schema { get; set; } = "tradingrl";

    /// <summary>Gets or sets how long one command may run before it fails (and the operation fails closed).</summary>
    /// <value>Default 5 seconds; from 1 second to 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long opening a connection may take before the operation fails closed.</summary>
    /// <value>Default 5 seconds; from 1 second to 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets a value indicating whether the host applies pending schema migrations when it starts.</summary>
    /// <value>Default <see langword="true"/>. When <see langword="false"/> the stores still migrate on first use; set it to keep start-up independent of the server.</value>
    public bool MigrateOnStart { get; set; } = true;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield break;
        }

        Npgsql.NpgsqlConnectionStringBuilder? parsed = null;
        string? error = null;
        try
        {
            parsed = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException ex)
        {
            // The message names the bad keyword; the connection string itself (and its password) is never echoed.
            error = ex.Message;
        }

        if (parsed is null)
        {
            yield return new ValidationResult($"PostgreSqlStoreOptions.ConnectionString is not a valid Npgsql connection string: {error}", [nameof(ConnectionString)]);
            yield break;
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            yield return new ValidationResult("PostgreSqlStoreOptions.ConnectionString names no Host: set Host=<server> so the stores know where to connect.", [nameof(ConnectionString)]);
        }

        // Beyond loopback only an authenticated server will do: Disable sends everything in the clear, Allow and Prefer (Npgsql's
        // default) fall back to it when an attacker refuses TLS, Require encrypts to whoever answers (no certificate check), and
        // VerifyCA checks the chain but not the host name, so it authenticates the server only with a pinned Root Certificate.
        var verified = parsed.SslMode == Npgsql.SslMode.VerifyFull
            || (parsed.SslMode == Npgsql.SslMode.VerifyCA && !string.IsNullOrWhiteSpace(parsed.RootCertificate));
        if (!verified && !IsLoopback(parsed.Host))
        {
            yield return new ValidationResult($"PostgreSqlStoreOptions.ConnectionString uses SSL Mode={parsed.SslMode}{(parsed.SslMode == Npgsql.SslMode.VerifyCA ? " without a Root Certificate" : string.Empty)} for a server that is not on loopback: tokens, password hashes and audit records could be read or altered on the network (Disable, Allow and Prefer can run without TLS; Require checks no certificate; VerifyCA checks no host name, so it needs the private CA pinned with Root Certificate). Use SSL Mode=VerifyFull, or VerifyCA with Root Certificate.", [nameof(ConnectionString)]);
        }
    }

    // Every host of the list must be loopback: "localhost" (any case), a loopback address (127.0.0.0/8, ::1, bracketed or
    // not) or a Unix socket directory. A port (host:port, [v6]:port) is ignored.
    private static bool IsLoopback(string? hosts) =>
        hosts is not null && hosts.Split(',').All(h =>
        {
            var name = h.Trim();
            if (name.StartsWith('/'))
            {
                return true;
            }

            if (name.StartsWith('['))
            {
                var close = name.IndexOf(']', StringComparison.Ordinal);
                name = close > 0 ? name[1..close] : name;
            }
            else if (name.Count(c => c == ':') == 1)
            {
                name = name[..name.IndexOf(':', StringComparison.Ordinal)]; // host:port; an IPv6 address has several colons
            }

            return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
                || (System.Net.IPAddress.TryParse(name, out var address) && System.Net.IPAddress.IsLoopback(address));
        });
}

/// <summary>Validates <see cref="PostgreSqlStoreOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
}
