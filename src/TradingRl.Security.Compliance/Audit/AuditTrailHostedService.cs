using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>Opens the audit trail when the host starts, signs checkpoints and applies retention on a schedule, and signs a last checkpoint at stop.</summary>
internal sealed partial class AuditTrailHostedService(
    AuditTrail trail,
    IOptions<AuditTrailOptions> options,
    TimeProvider timeProvider,
    ILogger<AuditTrailHostedService>? logger = null) : IHostedService, IDisposable
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await trail.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.CheckpointInterval > TimeSpan.Zero)
        {
            _loop = Task.Run(() => RunAsync(options.Value.CheckpointInterval, _stop.Token), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        // The pipeline drains after this (it stops later); its events are still appended and covered by the next run's checkpoints.
        await trail.CheckpointIfChangedAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await trail.CheckpointIfChangedAsync(cancellationToken).ConfigureAwait(false);
                    await trail.ApplyRetentionAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is AuditStoreException or IOException)
                {
                    Log.ScheduledCheckpointFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "The scheduled audit checkpoint or retention failed; it is retried at the next tick.")]
        public static partial void ScheduledCheckpointFailed(ILogger logger, Exception exception);
    }
}
