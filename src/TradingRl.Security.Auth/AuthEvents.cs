namespace TradingRl.Security.Auth;

/// <summary>Builds and publishes the package's security events in one shape: actor, address, outcome and an optional reason code.</summary>
internal static class AuthEvents
{
    public static async ValueTask PublishAsync(
        ISecurityEventPublisher? publisher,
        SecurityEventDescriptor type,
        DateTimeOffset now,
        string? actor,
        SecurityOutcome outcome,
        string? reason,
        CancellationToken cancellationToken,
        string? sourceAddress = null,
        string? resource = null)
    {
        if (publisher is null)
        {
            return;
        }

        await publisher.PublishAsync(new SecurityEvent(type.Type, type.DefaultSeverity, now)
        {
            // What was tried is recorded even when no account has that name: it is not a secret.
            Actor = Fit(actor),
            SourceAddress = Fit(sourceAddress),
            Resource = Fit(resource),
            Outcome = outcome,
            Properties = reason is null ? new Dictionary<string, string>() : new Dictionary<string, string>(StringComparer.Ordinal) { ["reason"] = Fit(reason) ?? "unspecified" },
        }, cancellationToken).ConfigureAwait(false);
    }

    private static string? Fit(string? value) => value is { Length: > 0 and <= 256 } ? value : value is { Length: > 256 } ? value[..256] : null;
}
