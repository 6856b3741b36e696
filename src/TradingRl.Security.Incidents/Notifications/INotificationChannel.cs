namespace TradingRl.Security.Incidents;

/// <summary>Delivers incident notifications somewhere people see them (a log, a webhook, a pager).</summary>
/// <remarks>Register more with <c>TryAddEnumerable(ServiceDescriptor.Singleton&lt;INotificationChannel, MyChannel&gt;())</c>. Implementations are thread-safe.</remarks>
public interface INotificationChannel
{
    /// <summary>Gets the channel name that escalation levels refer to, e.g. <c>log</c> or <c>webhook</c>.</summary>
    string Name { get; }

    /// <summary>Sends one notification, retrying as the channel sees fit.</summary>
    /// <param name="notification">The notification.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>A task that completes once delivered.</returns>
    /// <exception cref="NotificationFailedException">Delivery failed after every attempt.</exception>
    ValueTask SendAsync(IncidentNotification notification, CancellationToken cancellationToken = default);
}
