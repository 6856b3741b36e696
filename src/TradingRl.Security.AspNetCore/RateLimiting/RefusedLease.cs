using System.Threading.RateLimiting;

namespace TradingRl.Security.AspNetCore.RateLimiting;

/// <summary>A refusal that says which limit refused and when to retry.</summary>
internal sealed class RefusedLease(RateLimitScope scope, TimeSpan retryAfter, int limit) : RateLimitLease
{
    private static readonly string[] Names = [MetadataName.RetryAfter.Name];

    public RateLimitScope Scope { get; } = scope;

    public TimeSpan RetryAfter { get; } = retryAfter;

    public int Limit { get; } = limit;

    public override bool IsAcquired => false;

    public override IEnumerable<string> MetadataNames => Names;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = RetryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
