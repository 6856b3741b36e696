using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Incidents;

/// <summary>A notification channel that POSTs each notification as JSON to <see cref="WebhookOptions.Url"/>, with retries.</summary>
/// <remarks>
/// Thread-safe. Uses the named client <see cref="HttpClientName"/> from <see cref="IHttpClientFactory"/>, so a host can add
/// handlers (authentication, proxies) to it. Retries a network error, a timeout, 408, 429 and 5xx with a doubling delay
/// timed by the host's <see cref="TimeProvider"/>; any other status fails at once. The URL is never logged (it may hold a token).
/// </remarks>
public sealed partial class WebhookNotificationChannel : INotificationChannel
{
    /// <summary>The channel name.</summary>
    public const string ChannelName = "webhook";

    /// <summary>The name of the <see cref="HttpClient"/> the channel asks <see cref="IHttpClientFactory"/> for.</summary>
    public const string HttpClientName = "TradingRl.Security.Incidents.Webhook";

    private readonly IHttpClientFactory _clients;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes the channel.</summary>
    /// <param name="clients">The HTTP client factory.</param>
    /// <param name="options">The package options; <see cref="IncidentsOptions.Webhook"/> is used.</param>
    /// <param name="timeProvider">Times the retry delays.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    public WebhookNotificationChannel(IHttpClientFactory clients, IOptions<IncidentsOptions> options, TimeProvider timeProvider, ILogger<WebhookNotificationChannel>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _clients = clients;
        _options = options.Value.Webhook;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    public string Name => ChannelName;

    /// <inheritdoc/>
    public async ValueTask SendAsync(IncidentNotification notification, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var url = _options.Url ?? throw new NotificationFailedException("IncidentsOptions.Webhook.Url is not set, so the webhook channel cannot send.");
        var client = _clients.CreateClient(HttpClientName);
        string? last = null;
        for (var attempt = 1; attempt <= _options.MaxAttempts; attempt++)
        {
            bool retryable;
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                cts.CancelAfter(_options.Timeout);
                try
                {
                    using var content = JsonContent.Create(notification, options: IncidentJson.Options);
                    using var response = await client.PostAsync(url, content, cts.Token).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    var status = (int)response.StatusCode;
                    last = $"HTTP {status}";
                    retryable = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || status >= 500;
                }
                catch (HttpRequestException ex)
                {
                    last = ex.HttpRequestError.ToString();
                    retryable = true;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    last = "timeout";
                    retryable = true;
                }
            }

            Log.AttemptFailed(_logger, notification.IncidentId, attempt, _options.MaxAttempts, last);
            if (!retryable)
            {
                break;
            }

            if (attempt < _options.MaxAttempts && _options.RetryDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt - 1), _timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new NotificationFailedException($"The webhook notification for incident {notification.IncidentId} failed: {last}.");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Webhook notification for incident {IncidentId} failed on attempt {Attempt} of {MaxAttempts}: {Reason}.")]
        public static partial void AttemptFailed(ILogger logger, string incidentId, int attempt, int maxAttempts, string? reason);
    }
}
