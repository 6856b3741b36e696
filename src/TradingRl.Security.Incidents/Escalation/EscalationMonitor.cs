using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Incidents;

/// <summary>The hosted service that checks unacknowledged incidents for due escalation levels and SLA breaches on a <see cref="TimeProvider"/> timer.</summary>
internal sealed partial class EscalationMonitor : IHostedService, IAsyncDisposable
{
    private readonly IncidentManager _manager;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _running;

    public EscalationMonitor(IncidentManager manager, TimeProvider timeProvider, IOptions<IncidentsOptions> options, ILogger<EscalationMonitor>? logger = null)
    {
        _manager = manager;
        _time = timeProvider;
        _interval = options.Value.Escalation.CheckInterval;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(static s => ((EscalationMonitor)s!).Tick(), this, _interval, _interval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void Tick()
    {
        // One check at a time: a slow store must not pile up overlapping checks.
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return;
        }

        _ = RunAsync();
    }

    private async Task RunAsync()
    {
        try
        {
            await _manager.EscalateDueAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // A failed check is logged and retried at the next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CheckFailed(_logger, ex);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "The escalation check failed; it runs again at the next tick.")]
        public static partial void CheckFailed(ILogger logger, Exception exception);
    }
}
