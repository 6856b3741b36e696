using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents;

/// <summary>Turns alerts into incidents and drives their life cycle, escalation, notification and containment.</summary>
/// <remarks>
/// <para>Thread-safe: changes are serialised in the process and saved compare-and-set through <see cref="IIncidentStore"/>.
/// Every change is appended to the incident's timeline with who and when. Illegal life-cycle moves throw
/// <see cref="IncidentTransitionException"/> and write nothing.</para>
/// <para>Notifications and published events go through an in-process outbox drained by a background task, so a slow
/// webhook or a full event pipeline never holds up detection; <see cref="FlushAsync"/> waits for it.</para>
/// </remarks>
public sealed partial class IncidentManager : IAsyncDisposable, IDisposable
{
    /// <summary>The actor recorded for changes the package makes itself.</summary>
    public const string SystemActor = "system";

    /// <summary>The longest accepted actor, assignee or target.</summary>
    public const int MaxNameLength = 256;

    /// <summary>The longest accepted note, resolution or lessons-learned text.</summary>
    public const int MaxTextLength = 8192;

    private const int MaxSaveAttempts = 5;
    private static readonly string[] SeverityTags = ["info", "low", "medium", "high", "critical"];

    private readonly IIncidentStore _store;
    private readonly IncidentsOptions _options;
    private readonly TimeProvider _time;
    private readonly INotificationChannel[] _channels;
    private readonly ISecurityEventPublisher? _publisher;
    private readonly IAccountContainment? _accounts;
    private readonly IKillSwitch? _killSwitch;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<OutboxItem> _outbox = Channel.CreateUnbounded<OutboxItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;
    private readonly ILookup<string, AutomaticContainment> _automatic;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _opened;
    private readonly Counter<long> _escalated;
    private readonly Counter<long> _breaches;
    private readonly Counter<long> _notificationFailures;
    private readonly Counter<long> _containment;
    private readonly Histogram<double> _timeToAcknowledge;
    private long _slaBreachCount;
    private int _disposed;

    /// <summary>Initializes the manager.</summary>
    /// <param name="store">Where incidents are kept.</param>
    /// <param name="options">The package options.</param>
    /// <param name="timeProvider">The host clock: opening, acknowledgement, escalation and SLA times.</param>
    /// <param name="channels">The notification channels.</param>
    /// <param name="publisher">Publishes <c>incident.*</c> events; none when omitted.</param>
    /// <param name="accountContainment">Locks accounts (from Auth); containment that needs it fails, recorded, when omitted.</param>
    /// <param name="killSwitch">Engages the kill switch (from Compliance); as above when omitted.</param>
    /// <param name="catalog">The event catalog the package's own event types are added to.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private one when omitted.</param>
    public IncidentManager(
        IIncidentStore store,
        IOptions<IncidentsOptions> options,
        TimeProvider timeProvider,
        IEnumerable<INotificationChannel> channels,
        ISecurityEventPublisher? publisher = null,
        IAccountContainment? accountContainment = null,
        IKillSwitch? killSwitch = null,
        SecurityEventCatalog? catalog = null,
        ILogger<IncidentManager>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(channels);
        _store = store;
        _options = options.Value;
        _time = timeProvider;
        _channels = [.. channels];
        _publisher = publisher;
        _accounts = accountContainment;
        _killSwitch = killSwitch;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _automatic = _options.AutomaticContainment.ToLookup(a => a.RuleId, StringComparer.Ordinal);
        catalog?.Register(IncidentEventTypes.SlaBreached);
        catalog?.Register(IncidentEventTypes.ContainmentExecuted);

        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _opened = _meter.CreateCounter<long>(IncidentsTelemetry.IncidentsOpened, "{incident}", "Incidents opened.");
        _escalated = _meter.CreateCounter<long>(IncidentsTelemetry.IncidentsEscalated, "{level}", "Escalation levels reached.");
        _breaches = _meter.CreateCounter<long>(IncidentsTelemetry.SlaBreaches, "{incident}", "Incidents not acknowledged within their target.");
        _notificationFailures = _meter.CreateCounter<long>(IncidentsTelemetry.NotificationFailures, "{notification}", "Notifications that failed after every attempt.");
        _containment = _meter.CreateCounter<long>(IncidentsTelemetry.ContainmentActions, "{action}", "Containment actions run.");
        _timeToAcknowledge = _meter.CreateHistogram<double>(IncidentsTelemetry.TimeToAcknowledge, "s", "Time from opening to acknowledgement.");
        _worker = Task.Run(DrainOutboxAsync);
    }

    /// <summary>Gets how many SLA breaches this manager has recorded since it started.</summary>
    public long SlaBreachCount => Interlocked.Read(ref _slaBreachCount);

    /// <summary>Reads an incident.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="ArgumentException">The id is malformed.</exception>
    /// <exception cref="IncidentNotFoundException">No incident has the id.</exception>
    public async ValueTask<Incident> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        IncidentIds.ThrowIfInvalid(id);
        return await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
    }

    /// <summary>Lists incidents, oldest first.</summary>
    /// <param name="openOnly">Only those neither resolved nor closed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incidents.</returns>
    public ValueTask<IReadOnlyList<Incident>> ListAsync(bool openOnly = true, CancellationToken cancellationToken = default) =>
        _store.ListAsync(openOnly, cancellationToken);

    /// <summary>Makes the report of an incident with its severity's time-to-acknowledge target, stamped by the host clock.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The report; write it with <see cref="IncidentReportWriter.WriteAsync"/>.</returns>
    /// <exception cref="IncidentNotFoundException">No incident has the id.</exception>
    public async ValueTask<IncidentReport> CreateReportAsync(string id, CancellationToken cancellationToken = default)
    {
        var incident = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        return IncidentReport.Create(incident, _options.ResponseTargets.For(incident.Severity), _time.GetUtcNow());
    }

    /// <summary>Adds an alert: appended to the open incident with its deduplication key, reopening a recently resolved one, or opening a new one.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident after the alert, its automatic containment and its first escalation level.</returns>
    public async ValueTask<Incident> RaiseAsync(SecurityAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentException.ThrowIfNullOrEmpty(alert.DedupKey, nameof(alert));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Incident incident;
            for (var attempt = 1; ; attempt++)
            {
                var latest = await _store.FindLatestAsync(alert.DedupKey, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                incident = Absorb(latest, alert, now);
                if (await _store.TrySaveAsync(incident, cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                ThrowIfTooManyAttempts(attempt, alert.DedupKey);
            }

            var actor = "rule:" + alert.RuleId;
            Publish(SecurityEventTypes.AlertRaised, incident, actor, alert.Severity, alert.RuleId);
            if (incident.Version == 1)
            {
                _opened.Add(1, SeverityTag(incident.Severity));
                Publish(SecurityEventTypes.IncidentOpened, incident, actor, incident.Severity, "opened");
                Log.Opened(_logger, incident.Id, incident.Severity, incident.Title, alert.GroupKey);
            }
            else
            {
                Publish(SecurityEventTypes.IncidentUpdated, incident, actor, null, "alert");
            }

            foreach (var auto in _automatic[alert.RuleId])
            {
                var target = auto.Action == ContainmentAction.KillSwitchGlobal ? "global" : alert.GroupKey;
                var record = await RunContainmentAsync(incident, auto.Action, target, actor, auto.LockDuration, automatic: true, cancellationToken).ConfigureAwait(false);
                incident = await SaveLockedAsync(incident.Id, (i, _) => WithAction(i, record), cancellationToken).ConfigureAwait(false);
            }

            return await SaveLockedAsync(incident.Id, EscalateIfDue, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Acknowledges an incident: a responder has taken it on; escalation stops and the time to acknowledge is measured.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="actor">Who acknowledges.</param>
    /// <param name="note">An optional note.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="IncidentTransitionException">The incident is not <see cref="IncidentStatus.Identified"/>.</exception>
    public ValueTask<Incident> AcknowledgeAsync(string id, string actor, string? note = null, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, IncidentStatus.Acknowledged, actor, note, cancellationToken);

    /// <summary>Moves an incident to another life-cycle state (not <see cref="IncidentStatus.Closed"/>: use <see cref="CloseAsync"/>).</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="to">The new state.</param>
    /// <param name="actor">Who moves it.</param>
    /// <param name="note">What was done; kept as the resolution when moving to <see cref="IncidentStatus.Resolved"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="IncidentTransitionException">The move is not legal from the current state; nothing was written.</exception>
    public ValueTask<Incident> TransitionAsync(string id, IncidentStatus to, string actor, string? note = null, CancellationToken cancellationToken = default)
    {
        CheckName(actor, nameof(actor));
        CheckText(note, nameof(note), required: false);
        return MutateAsync(id, (i, now) =>
        {
            if (to == IncidentStatus.Closed)
            {
                throw new IncidentTransitionException(i.Id, i.Status, to, "closing needs a classification and lessons learned: call CloseAsync.");
            }

            if (i.Status == IncidentStatus.Resolved && to == IncidentStatus.Acknowledged)
            {
                throw new IncidentTransitionException(i.Id, i.Status, to, "a resolved incident is reopened with ReopenAsync, which records why.");
            }

            IncidentLifecycle.ThrowIfIllegal(i, to);
            var from = i.Status;
            var next = i with { Status = to };
            if (to == IncidentStatus.Acknowledged && i.AcknowledgedAt is null)
            {
                next = Acknowledged(next, actor, now);
            }

            if (to == IncidentStatus.Resolved)
            {
                next = next with { ResolvedAt = now, Resolution = note ?? next.Resolution };
            }

            next = Append(next, now, actor, IncidentTimelineAction.StatusChanged, note is null ? $"{from} -> {to}" : $"{from} -> {to}: {note}");
            Publish(SecurityEventTypes.IncidentUpdated, next, actor, null, to.ToString().ToLowerInvariant());
            return next;
        }, cancellationToken);
    }

    /// <summary>Resolves an incident with a summary of what was done.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="actor">Who resolves it.</param>
    /// <param name="resolution">What was done.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="IncidentTransitionException">The incident is neither acknowledged nor recovered.</exception>
    public ValueTask<Incident> ResolveAsync(string id, string actor, string resolution, CancellationToken cancellationToken = default)
    {
        CheckText(resolution, nameof(resolution), required: true);
        return TransitionAsync(id, IncidentStatus.Resolved, actor, resolution, cancellationToken);
    }

    /// <summary>Closes a resolved incident with its classification and lessons learned; a closed incident is final.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="actor">Who closes it.</param>
    /// <param name="classification">What it turned out to be; not <see cref="IncidentClassification.Unclassified"/>.</param>
    /// <param name="lessonsLearned">The post-incident review's conclusions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="IncidentTransitionException">The incident is not resolved.</exception>
    public ValueTask<Incident> CloseAsync(string id, string actor, IncidentClassification classification, string lessonsLearned, CancellationToken cancellationToken = default)
    {
        CheckName(actor, nameof(actor));
        CheckText(lessonsLearned, nameof(lessonsLearned), required: true);
        if (!Enum.IsDefined(classification) || classification == IncidentClassification.Unclassified)
        {
            throw new ArgumentOutOfRangeException(nameof(classification), classification, "Closing needs a classification: TruePositive, BenignTruePositive or FalsePositive.");
        }

        return MutateAsync(id, (i, now) =>
        {
            IncidentLifecycle.ThrowIfIllegal(i, IncidentStatus.Closed);
            var next = i with { Status = IncidentStatus.Closed, ClosedAt = now, Classification = classification, LessonsLearned = lessonsLearned };
            next = Append(next, now, actor, IncidentTimelineAction.StatusChanged, $"Resolved -> Closed as {classification}; lessons learned recorded");
            Publish(SecurityEventTypes.IncidentUpdated, next, actor, null, "closed");
            return next;
        }, cancellationToken);
    }

    /// <summary>Reopens a resolved incident by hand (it returns to <see cref="IncidentStatus.Acknowledged"/>); a closed incident cannot be reopened.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="actor">Who reopens it.</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="IncidentTransitionException">The incident is not resolved.</exception>
    public ValueTask<Incident> ReopenAsync(string id, string actor, string reason, CancellationToken cancellationToken = default)
    {
        CheckName(actor, nameof(actor));
        CheckText(reason, nameof(reason), required: true);
        return MutateAsync(id, (i, now) =>
        {
            if (i.Status != IncidentStatus.Resolved)
            {
                throw new IncidentTransitionException(i.Id, i.Status, IncidentStatus.Acknowledged,
                    i.Status == IncidentStatus.Closed ? "a closed incident is final; a new alert with its key opens a new incident." : "only a resolved incident can be reopened.");
            }

            var next = i with { Status = IncidentStatus.Acknowledged, ReopenCount = i.ReopenCount + 1, ResolvedAt = null };
            next = Append(next, now, actor, IncidentTimelineAction.Reopened, $"Resolved -> Acknowledged: {reason}");
            Publish(SecurityEventTypes.IncidentUpdated, next, actor, null, "reopened");
            return next;
        }, cancellationToken);
    }

    /// <summary>Assigns an incident to a responder.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="assignee">Who it is assigned to.</param>
    /// <param name="actor">Who assigns it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    /// <exception cref="IncidentTransitionException">The incident is closed.</exception>
    public ValueTask<Incident> AssignAsync(string id, string assignee, string actor, CancellationToken cancellationToken = default)
    {
        CheckName(assignee, nameof(assignee));
        CheckName(actor, nameof(actor));
        return MutateAsync(id, (i, now) =>
        {
            ThrowIfClosed(i);
            var next = Append(i with { Assignee = assignee }, now, actor, IncidentTimelineAction.Assigned, i.Assignee is null ? $"assigned to {assignee}" : $"reassigned from {i.Assignee} to {assignee}");
            Publish(SecurityEventTypes.IncidentUpdated, next, actor, null, "assigned");
            return next;
        }, cancellationToken);
    }

    /// <summary>Adds a note to the timeline.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="actor">Who writes it.</param>
    /// <param name="note">The note.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident.</returns>
    public ValueTask<Incident> AddNoteAsync(string id, string actor, string note, CancellationToken cancellationToken = default)
    {
        CheckName(actor, nameof(actor));
        CheckText(note, nameof(note), required: true);
        return MutateAsync(id, (i, now) => Append(i, now, actor, IncidentTimelineAction.Note, note), cancellationToken);
    }

    /// <summary>Runs a containment action for an incident and records it, whether it succeeded or not.</summary>
    /// <param name="id">The incident id.</param>
    /// <param name="action">The action.</param>
    /// <param name="target">The account or strategy id; ignored for <see cref="ContainmentAction.KillSwitchGlobal"/>.</param>
    /// <param name="actor">Who runs it.</param>
    /// <param name="lockDuration">For an account lock, how long; until unlocked when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The incident with the action in <see cref="Incident.Actions"/> and the timeline.</returns>
    /// <exception cref="IncidentTransitionException">The incident is resolved or closed.</exception>
    public async ValueTask<Incident> ContainAsync(string id, ContainmentAction action, string target, string actor, TimeSpan? lockDuration = null, CancellationToken cancellationToken = default)
    {
        CheckName(actor, nameof(actor));
        if (!Enum.IsDefined(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown containment action.");
        }

        if (action != ContainmentAction.KillSwitchGlobal)
        {
            CheckName(target, nameof(target));
        }

        IncidentIds.ThrowIfInvalid(id);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var incident = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
            if (!incident.IsOpen)
            {
                throw new IncidentTransitionException(id, incident.Status, incident.Status, "containment runs only while an incident is open; reopen it first.");
            }

            var record = await RunContainmentAsync(incident, action, action == ContainmentAction.KillSwitchGlobal ? "global" : target, actor, lockDuration, automatic: false, cancellationToken).ConfigureAwait(false);
            return await SaveLockedAsync(id, (i, _) => WithAction(i, record), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Escalates every unacknowledged incident whose next level is due and records SLA breaches; the escalation monitor calls it on a timer.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many incidents changed.</returns>
    public async ValueTask<int> EscalateDueAsync(CancellationToken cancellationToken = default)
    {
        var changed = 0;
        var open = await _store.ListAsync(openOnly: true, cancellationToken).ConfigureAwait(false);
        foreach (var candidate in open)
        {
            if (candidate.Status != IncidentStatus.Identified)
            {
                continue;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var before = await _store.GetAsync(candidate.Id, cancellationToken).ConfigureAwait(false);
                var after = await SaveLockedAsync(candidate.Id, EscalateIfDue, cancellationToken).ConfigureAwait(false);
                if (after.Version != before?.Version)
                {
                    changed++;
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        return changed;
    }

    /// <summary>Waits until every notification and event queued so far has been handled.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when the outbox has caught up.</returns>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_outbox.Writer.TryWrite(new OutboxItem(null, null, barrier)))
        {
            return;
        }

        await barrier.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _outbox.Writer.TryComplete();
        await _worker.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        DisposeResources();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _outbox.Writer.TryComplete();
        _worker.Wait(TimeSpan.FromSeconds(10));
        DisposeResources();
    }

    /// <summary>Records events suppressed into an earlier alert on the open incident with the key.</summary>
    internal async ValueTask RecordSuppressedAsync(SuppressedTally tally, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var latest = await _store.FindLatestAsync(tally.DedupKey, cancellationToken).ConfigureAwait(false);
            if (latest is not { IsOpen: true })
            {
                return;
            }

            await SaveLockedAsync(latest.Id, (i, now) => Append(
                i with { EventCount = i.EventCount + tally.Count, SuppressedEventCount = i.SuppressedEventCount + tally.Count },
                now, "rule:" + tally.RuleId, IncidentTimelineAction.EventsSuppressed,
                $"{tally.Count} further matching events suppressed (one alert per rule and key per suppression window)"), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private Incident Absorb(Incident? latest, SecurityAlert alert, DateTimeOffset now)
    {
        var actor = "rule:" + alert.RuleId;
        if (latest is { IsOpen: true })
        {
            return AddAlert(latest, alert, now, actor) with { Version = latest.Version + 1, UpdatedAt = now };
        }

        if (latest is { Status: IncidentStatus.Resolved, ResolvedAt: { } resolvedAt } && now - resolvedAt <= _options.ReopenWindow)
        {
            var reopened = latest with
            {
                Status = IncidentStatus.Identified,
                ReopenCount = latest.ReopenCount + 1,
                EscalationLevel = 0,
                EscalationStartedAt = now,
                ResolvedAt = null,
            };
            reopened = Append(reopened, now, actor, IncidentTimelineAction.Reopened, $"Resolved -> Identified: a new alert within the reopen window ({_options.ReopenWindow})");
            return AddAlert(reopened, alert, now, actor) with { Version = latest.Version + 1, UpdatedAt = now };
        }

        var incident = new Incident
        {
            Id = IncidentIds.Create(now),
            Version = 1,
            DedupKey = alert.DedupKey,
            Title = $"{alert.Title}: {alert.GroupKey}",
            Severity = alert.Severity,
            Status = IncidentStatus.Identified,
            OpenedAt = now,
            UpdatedAt = now,
            EscalationStartedAt = now,
            EventCount = alert.MatchCount,
            Alerts = [alert],
        };
        var detail = latest is null ? $"opened by rule {alert.RuleId}: {alert.MatchCount} matching events" : $"opened by rule {alert.RuleId}: {alert.MatchCount} matching events (previous incident {latest.Id} is {latest.Status})";
        return Append(incident, now, actor, IncidentTimelineAction.Opened, detail);
    }

    private Incident AddAlert(Incident incident, SecurityAlert alert, DateTimeOffset now, string actor)
    {
        var next = incident.Alerts.Count < _options.MaxAlertsPerIncident
            ? incident with { Alerts = [.. incident.Alerts, alert] }
            : incident with { AlertsOmitted = incident.AlertsOmitted + 1 };
        next = next with { EventCount = next.EventCount + alert.MatchCount };
        next = Append(next, now, actor, IncidentTimelineAction.AlertAdded, $"alert from rule {alert.RuleId}: {alert.MatchCount} matching events");
        if (alert.Severity > next.Severity)
        {
            next = Append(next with { Severity = alert.Severity }, now, actor, IncidentTimelineAction.SeverityRaised, $"{incident.Severity} -> {alert.Severity}");
        }

        return next;
    }

    private Incident Acknowledged(Incident incident, string actor, DateTimeOffset now)
    {
        var tta = now - incident.OpenedAt;
        var next = incident with { AcknowledgedAt = now, AcknowledgedBy = actor };
        _timeToAcknowledge.Record(tta.TotalSeconds, SeverityTag(incident.Severity));
        var target = _options.ResponseTargets.For(incident.Severity);
        return tta >= target && !incident.SlaBreached ? Breach(next, now, tta, target) : next;
    }

    private Incident EscalateIfDue(Incident incident, DateTimeOffset now)
    {
        if (incident.Status != IncidentStatus.Identified)
        {
            return incident;
        }

        var next = incident;
        var levels = _options.Escalation.LevelsFor(incident.Severity);
        var waited = now - incident.EscalationStartedAt;
        while (next.EscalationLevel < levels.Count && waited >= levels[next.EscalationLevel].After)
        {
            var level = levels[next.EscalationLevel];
            var number = next.EscalationLevel + 1;
            next = next with { EscalationLevel = number };
            next = Append(next, now, SystemActor, IncidentTimelineAction.Escalated,
                number == 1 ? $"level 1: notify {level.Target}" : $"level {number}: notify {level.Target}, unacknowledged for {waited:hh\\:mm\\:ss}");
            Notify(next, IncidentNotificationKind.Escalation, number, level.Target, level.Channels, now);
            if (number > 1)
            {
                _escalated.Add(1, SeverityTag(next.Severity));
                Publish(SecurityEventTypes.IncidentEscalated, next, SystemActor, null, $"level-{number}");
                Log.Escalated(_logger, next.Id, next.Severity, number, level.Target);
            }
        }

        var target = _options.ResponseTargets.For(next.Severity);
        var elapsed = now - next.OpenedAt;
        if (!next.SlaBreached && next.AcknowledgedAt is null && elapsed >= target)
        {
            next = Breach(next, now, elapsed, target);
            var last = levels.Count > 0 ? levels[^1] : null;
            Notify(next, IncidentNotificationKind.SlaBreach, next.EscalationLevel, last?.Target ?? "security-on-call", last?.Channels ?? [], now);
        }

        return next;
    }

    private Incident Breach(Incident incident, DateTimeOffset now, TimeSpan elapsed, TimeSpan target)
    {
        Interlocked.Increment(ref _slaBreachCount);
        _breaches.Add(1, SeverityTag(incident.Severity));
        var next = Append(incident with { SlaBreached = true }, now, SystemActor, IncidentTimelineAction.SlaBreached,
            $"time-to-acknowledge target {target:hh\\:mm\\:ss} for {incident.Severity} missed: {elapsed:hh\\:mm\\:ss} without acknowledgement");
        Publish(IncidentEventTypes.SlaBreached, next, SystemActor, null, "sla-breached");
        Log.SlaBreached(_logger, incident.Id, incident.Severity, target);
        return next;
    }

    private async ValueTask<ContainmentRecord> RunContainmentAsync(Incident incident, ContainmentAction action, string target, string actor, TimeSpan? lockDuration, bool automatic, CancellationToken cancellationToken)
    {
        var reason = $"incident {incident.Id}: {incident.Title}";
        string detail;
        var ok = false;
        if (action != ContainmentAction.KillSwitchGlobal && (string.IsNullOrWhiteSpace(target) || target == CompiledRule.NoGroupValue))
        {
            detail = "not run: the alert names no account or strategy to contain";
        }
        else
        {
            try
            {
                switch (action)
                {
                    case ContainmentAction.LockAccount when _accounts is not null:
                        await _accounts.LockAccountAsync(target, reason, lockDuration, cancellationToken).ConfigureAwait(false);
                        var revoked = await _accounts.RevokeSessionsAsync(target, reason, cancellationToken).ConfigureAwait(false);
                        detail = $"account locked {(lockDuration is { } d ? $"for {d}" : "until unlocked")}; {revoked} sessions revoked";
                        break;
                    case ContainmentAction.RevokeSessions when _accounts is not null:
                        detail = $"{await _accounts.RevokeSessionsAsync(target, reason, cancellationToken).ConfigureAwait(false)} sessions revoked";
                        break;
                    case ContainmentAction.KillSwitchAccount or ContainmentAction.KillSwitchStrategy or ContainmentAction.KillSwitchGlobal when _killSwitch is not null:
                        var scope = action switch
                        {
                            ContainmentAction.KillSwitchAccount => KillSwitchScope.ForAccount(target),
                            ContainmentAction.KillSwitchStrategy => KillSwitchScope.ForStrategy(target),
                            _ => KillSwitchScope.Global,
                        };
                        var cancelled = await _killSwitch.EngageAsync(scope, actor, reason, cancellationToken).ConfigureAwait(false);
                        detail = $"kill switch engaged for {scope}; {cancelled} open orders cancelled";
                        break;
                    case ContainmentAction.LockAccount or ContainmentAction.RevokeSessions:
                        throw new InvalidOperationException($"{nameof(IAccountContainment)} is not registered: compose AddAuth() (or register one) so incidents can lock accounts.");
                    default:
                        throw new InvalidOperationException($"{nameof(IKillSwitch)} is not registered: compose AddCompliance() (or register one) so incidents can engage the kill switch.");
                }

                ok = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                detail = $"failed: {ex.GetType().Name}: {ex.Message}";
                Log.ContainmentFailed(_logger, incident.Id, action, ex);
            }
        }

        _containment.Add(1, new KeyValuePair<string, object?>("action", action.ToString()), new KeyValuePair<string, object?>("outcome", ok ? "succeeded" : "failed"));
        var record = new ContainmentRecord(_time.GetUtcNow(), actor, action, target, ok, detail, automatic);
        Publish(IncidentEventTypes.ContainmentExecuted, incident, actor, null, action.ToString());
        return record;
    }

    private static Incident WithAction(Incident incident, ContainmentRecord record) =>
        Append(incident with { Actions = [.. incident.Actions, record] }, record.At, record.Actor, IncidentTimelineAction.Containment,
            $"{(record.Automatic ? "automatic " : string.Empty)}{record.Action} on {record.Target}: {record.Detail}");

    private async ValueTask<Incident> MutateAsync(string id, Func<Incident, DateTimeOffset, Incident> change, CancellationToken cancellationToken)
    {
        IncidentIds.ThrowIfInvalid(id);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SaveLockedAsync(id, change, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<Incident> SaveLockedAsync(string id, Func<Incident, DateTimeOffset, Incident> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await _store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
            var now = _time.GetUtcNow();
            var next = change(current, now);
            if (ReferenceEquals(next, current))
            {
                return current;
            }

            next = next with { Version = current.Version + 1, UpdatedAt = now };
            if (await _store.TrySaveAsync(next, cancellationToken).ConfigureAwait(false))
            {
                return next;
            }

            ThrowIfTooManyAttempts(attempt, id);
        }
    }

    private static void ThrowIfTooManyAttempts(int attempt, string what)
    {
        if (attempt >= MaxSaveAttempts)
        {
            throw new IncidentStoreException($"Incident {what} kept changing under this writer ({MaxSaveAttempts} attempts); another host is writing the same store. Try again.");
        }
    }

    private static Incident Append(Incident incident, DateTimeOffset at, string actor, IncidentTimelineAction action, string detail) =>
        incident with { Timeline = [.. incident.Timeline, new IncidentTimelineEntry(at, actor, action, detail, incident.Status)] };

    private static void ThrowIfClosed(Incident incident)
    {
        if (incident.Status == IncidentStatus.Closed)
        {
            throw new IncidentTransitionException(incident.Id, incident.Status, incident.Status, "a closed incident is final.");
        }
    }

    private void Notify(Incident incident, IncidentNotificationKind kind, int level, string target, IEnumerable<string> channelNames, DateTimeOffset now)
    {
        var names = channelNames.ToHashSet(StringComparer.Ordinal);
        var notification = new IncidentNotification
        {
            Kind = kind,
            IncidentId = incident.Id,
            Title = incident.Title,
            Severity = incident.Severity,
            Status = incident.Status,
            DedupKey = incident.DedupKey,
            Level = level,
            Target = target,
            OpenedAt = incident.OpenedAt,
            SentAt = now,
            AlertCount = incident.Alerts.Count,
            EventCount = incident.EventCount,
        };
        foreach (var channel in _channels)
        {
            if (names.Count == 0 || names.Contains(channel.Name))
            {
                _outbox.Writer.TryWrite(new OutboxItem(notification, channel, null));
            }
        }
    }

    private void Publish(SecurityEventDescriptor descriptor, Incident incident, string actor, SecuritySeverity? severity, string change)
    {
        if (_publisher is null)
        {
            return;
        }

        var e = new SecurityEvent(descriptor.Type, severity ?? descriptor.DefaultSeverity, _time.GetUtcNow())
        {
            Actor = actor,
            Resource = "incident/" + incident.Id,
            Outcome = SecurityOutcome.Success,
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["incident_id"] = incident.Id,
                ["severity"] = incident.Severity.ToString(),
                ["status"] = incident.Status.ToString(),
                ["change"] = change,
            },
        };
        _outbox.Writer.TryWrite(new OutboxItem(null, null, null, e));
    }

    private async Task DrainOutboxAsync()
    {
        await foreach (var item in _outbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item.Barrier is not null)
            {
                item.Barrier.TrySetResult();
                continue;
            }

            if (item.Event is not null)
            {
                try
                {
                    await _publisher!.PublishAsync(item.Event).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The outbox must survive a closed pipeline at shutdown.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Log.PublishFailed(_logger, item.Event.Type, ex);
                }

                continue;
            }

            await SendAsync(item.Notification!, item.Channel!).ConfigureAwait(false);
        }
    }

    private async Task SendAsync(IncidentNotification notification, INotificationChannel channel)
    {
        string detail;
        IncidentTimelineAction action;
        try
        {
            await channel.SendAsync(notification).ConfigureAwait(false);
            action = IncidentTimelineAction.Notified;
            detail = $"{notification.Kind} level {notification.Level}: notified {notification.Target} via {channel.Name}";
        }
#pragma warning disable CA1031 // A failing channel is recorded and counted; it must not stop the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _notificationFailures.Add(1, new KeyValuePair<string, object?>("channel", channel.Name));
            Log.NotificationFailed(_logger, notification.IncidentId, channel.Name, ex);
            action = IncidentTimelineAction.NotificationFailed;
            detail = $"{notification.Kind} level {notification.Level}: notifying {notification.Target} via {channel.Name} failed: {ex.Message}";
        }

        try
        {
            await MutateAsync(notification.IncidentId, (i, now) => Append(i, now, SystemActor, action, detail), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Recording the notification is best effort; the send itself already happened or was counted.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.TimelineFailed(_logger, notification.IncidentId, ex);
        }
    }

    private void DisposeResources()
    {
        _gate.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private static KeyValuePair<string, object?> SeverityTag(SecuritySeverity severity) => new("severity", SeverityTags[(int)severity]);

    private static IncidentNotFoundException NotFound(string id) => new($"No incident has the id {id}.");

    private static void CheckName(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        if (value.Length > MaxNameLength)
        {
            throw new ArgumentException($"The value must be at most {MaxNameLength} characters long.", paramName);
        }
    }

    private static void CheckText(string? value, string paramName, bool required)
    {
        if (required)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        }

        if (value is not null && value.Length > MaxTextLength)
        {
            throw new ArgumentException($"The text must be at most {MaxTextLength} characters long.", paramName);
        }
    }

    private sealed record OutboxItem(IncidentNotification? Notification, INotificationChannel? Channel, TaskCompletionSource? Barrier, SecurityEvent? Event = null);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Incident {IncidentId} opened ({Severity}): {Title} for {GroupKey}.")]
        public static partial void Opened(ILogger logger, string incidentId, SecuritySeverity severity, string title, string groupKey);

        [LoggerMessage(2, LogLevel.Warning, "Incident {IncidentId} ({Severity}) escalated to level {Level}: {Target}.")]
        public static partial void Escalated(ILogger logger, string incidentId, SecuritySeverity severity, int level, string target);

        [LoggerMessage(3, LogLevel.Error, "Incident {IncidentId} ({Severity}) missed its time-to-acknowledge target of {Target}.")]
        public static partial void SlaBreached(ILogger logger, string incidentId, SecuritySeverity severity, TimeSpan target);

        [LoggerMessage(4, LogLevel.Error, "Containment {Action} for incident {IncidentId} failed.")]
        public static partial void ContainmentFailed(ILogger logger, string incidentId, ContainmentAction action, Exception exception);

        [LoggerMessage(5, LogLevel.Error, "Notifying incident {IncidentId} via {Channel} failed.")]
        public static partial void NotificationFailed(ILogger logger, string incidentId, string channel, Exception exception);

        [LoggerMessage(6, LogLevel.Warning, "Publishing the incident event {Type} failed.")]
        public static partial void PublishFailed(ILogger logger, string type, Exception exception);

        [LoggerMessage(7, LogLevel.Warning, "Recording a notification on incident {IncidentId}'s timeline failed.")]
        public static partial void TimelineFailed(ILogger logger, string incidentId, Exception exception);
    }
}
