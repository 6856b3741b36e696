using TradingRl.Security.Compliance;

namespace TradingRl.Security.Sample.Security;

/// <summary>The sample's order gateway for the kill switch: it records what it was asked to cancel (the replay has no venue to send to).</summary>
public sealed class SampleCancellationHandler : IOrderCancellationHandler
{
    private long _requested;

    /// <summary>Gets the cancels the kill switch asked for.</summary>
    public long Requested => Interlocked.Read(ref _requested);

    /// <inheritdoc/>
    public ValueTask RequestCancelAsync(OpenOrder order, string reason, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requested);
        return ValueTask.CompletedTask;
    }
}
