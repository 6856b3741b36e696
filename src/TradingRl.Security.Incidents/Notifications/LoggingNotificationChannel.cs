using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TradingRl.Security.Incidents;

/// <summary>A notification channel that writes each notification to the log (warning for high and critical, information otherwise).</summary>
/// <remarks>Thread-safe; never fails.</remarks>
public sealed partial class LoggingNotificationChannel : INotificationChannel
{
    /// <summary>The channel name.</summary>
    public const string ChannelName = "log";

    private readonly ILogger _logger;

    /// <summary>Initializes the channel.</summary>
    /// <param name="logger">The logger; none when omitted.</param>
    public LoggingNotificationChannel(ILogger<LoggingNotificationChannel>? logger = null) => _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <inheritdoc/>
    public string Name => ChannelName;

    /// <inheritdoc/>
    public ValueTask SendAsync(IncidentNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var level = notification.Severity >= Events.SecuritySeverity.High ? LogLevel.Warning : LogLevel.Information;
        Log.Notified(_logger, level, notification.Kind, notification.IncidentId, notification.Severity, notification.Title, notification.Level, notification.Target, notification.Status);
        return ValueTask.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Message = "Incident {Kind}: {IncidentId} ({Severity}) {Title}, level {EscalationLevel}, notify {Target}; state {Status}.")]
        public static partial void Notified(ILogger logger, LogLevel level, IncidentNotificationKind kind, string incidentId, Events.SecuritySeverity severity, string title, int escalationLevel, string target, IncidentStatus status);
    }
}
