using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance;

/// <summary>Holds the trading state (active, reduce-only, halted) of the host, each account and each strategy, and is the kill switch.</summary>
/// <remarks>
/// Thread-safe. Engaging the kill switch for a scope blocks new orders in it at once and asks the host's
/// <see cref="IOrderCancellationHandler"/> to cancel every open order in it. Releasing needs a different person, holding the
/// configured permission, than anyone who engaged it (MiFID II RTS 6 Art. 15(3)). Every change publishes an event.
/// </remarks>
public sealed partial class TradingStateController : IKillSwitch
{
    private const string SystemActor = "compliance.risk-gate";

    private readonly ConcurrentDictionary<KillSwitchScope, ScopeControl> _scopes = new();
    private readonly ScopeControl _global = new();
    private readonly PortfolioBook _book;
    private readonly IOrderCancellationHandler _cancellations;
    private readonly ISecurityEventPublisher _publisher;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Permission _controlPermission;
    private readonly ITradingStateStore _store;
    private int _scopesInUse;

    /// <summary>Initializes the controller with every scope active and no kill switch engaged.</summary>
    /// <param name="book">The book whose open orders the kill switch cancels.</param>
    /// <param name="cancellations">The host's order gateway.</param>
    /// <param name="publisher">Receives state-change and kill-switch events.</param>
    /// <param name="permissions">Resolves the control permission's name.</param>
    /// <param name="options">The compliance options.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="store">Keeps states and kill switches across restarts; in memory when omitted.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <exception cref="KeyNotFoundException">The configured control permission is not in the catalog.</exception>
    /// <remarks>Restores every stored record: a kill switch engaged before a restart is still engaged after it.</remarks>
    public TradingStateController(
        PortfolioBook book,
        IOrderCancellationHandler cancellations,
        ISecurityEventPublisher publisher,
        PermissionCatalog permissions,
        IOptions<ComplianceOptions> options,
        TimeProvider timeProvider,
        ITradingStateStore? store = null,
        ILogger<TradingStateController>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(cancellations);
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _book = book;
        _cancellations = cancellations;
        _publisher = publisher;
        _time = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _controlPermission = permissions.Get(options.Value.ControlPermission);
        _store = store ?? new InMemoryTradingStateStore();
        foreach (var r in _store.Load())
        {
            var control = GetOrAdd(r.Scope);
            control.State = r.State;
            control.Engaged = r.KillSwitchEngaged;
            control.EngagedBy.UnionWith(r.EngagedBy);
        }
    }

    /// <summary>Gets the permission needed to change a trading state or release the kill switch.</summary>
    public Permission ControlPermission => _controlPermission;

    /// <summary>Gets the trading state set for one scope (not combined with the others).</summary>
    /// <param name="scope">The scope.</param>
    /// <returns>The state; <see cref="TradingState.Active"/> when never set.</returns>
    public TradingState GetState(KillSwitchScope scope) => Find(scope)?.State ?? TradingState.Active;

    /// <summary>Changes the trading state of a scope, e.g. lifts an account's reduce-only state after a daily-loss breach.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="state">The new state.</param>
    /// <param name="actor">Who changes it; must hold <see cref="ControlPermission"/>.</param>
    /// <param name="reason">Why, for the audit trail.</param>
    /// <returns><see langword="true"/> when changed; <see langword="false"/> when the actor lacks the permission (an access-denied event is published).</returns>
    public bool SetState(KillSwitchScope scope, TradingState state, SecurityPrincipal actor, string reason)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        CheckScope(scope);
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown trading state.");
        }

        if (!actor.HasPermission(_controlPermission))
        {
            PublishRefusal(scope, actor.Subject, "trading_state.set", "missing_permission");
            return false;
        }

        ChangeState(scope, state, actor.Subject, reason);
        return true;
    }

    /// <inheritdoc/>
    /// <remarks>Engaging needs no permission (it only makes trading safer); it is idempotent, and every call asks again for the scope's open orders to be cancelled.</remarks>
    public async ValueTask<int> EngageAsync(KillSwitchScope scope, string actor, string reason, CancellationToken cancellationToken = default)
    {
        CheckScope(scope);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var control = GetOrAdd(scope);
        lock (control.Sync)
        {
            control.Engaged = true;
            control.EngagedBy.Add(actor);
            Persist(scope, control);
        }

        Log.Engaged(_logger, scope, actor);
        var orders = OpenOrdersIn(scope);
        var requested = 0;
        var failed = 0;
        foreach (var order in orders)
        {
            try
            {
                await _cancellations.RequestCancelAsync(order, reason, cancellationToken).ConfigureAwait(false);
                requested++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed++;
                Log.CancelFailed(_logger, ex, order.OrderId, order.Account);
            }
        }

        _publisher.Publish(SecurityEventTypes.KillSwitchEngaged, _time.GetUtcNow(), actor, "killswitch/" + scope, SecurityOutcome.Success, new Dictionary<string, string>
            {
                ["scope"] = scope.ToString(),
                ["reason"] = Truncate(reason),
                ["cancel_requests"] = requested.ToString(CultureInfo.InvariantCulture),
                ["cancel_failures"] = failed.ToString(CultureInfo.InvariantCulture),
            });
        return requested;
    }

    /// <inheritdoc/>
    public bool IsEngaged(KillSwitchScope scope) => _global.Engaged || (scope.Kind != KillSwitchScopeKind.Global && Find(scope)?.Engaged == true);

    /// <summary>Releases the kill switch for a scope, if the releaser may.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="releasedBy">Who releases it: must hold <see cref="ControlPermission"/> and must not have engaged it.</param>
    /// <param name="reason">Why, for the audit trail.</param>
    /// <returns>The outcome; a refusal also publishes an access-denied event.</returns>
    public KillSwitchReleaseResult Release(KillSwitchScope scope, SecurityPrincipal releasedBy, string reason)
    {
        CheckScope(scope);
        ArgumentNullException.ThrowIfNull(releasedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var control = Find(scope);
        if (control is null || !control.Engaged)
        {
            return KillSwitchReleaseResult.NotEngaged;
        }

        if (!releasedBy.HasPermission(_controlPermission))
        {
            PublishRefusal(scope, releasedBy.Subject, "killswitch.release", "missing_permission");
            return KillSwitchReleaseResult.MissingPermission;
        }

        string engagedBy;
        lock (control.Sync)
        {
            if (!control.Engaged)
            {
                return KillSwitchReleaseResult.NotEngaged;
            }

            foreach (var who in control.EngagedBy)
            {
                // Case-insensitive, so "Alice" cannot release what "alice" engaged.
                if (string.Equals(who, releasedBy.Subject, StringComparison.OrdinalIgnoreCase))
                {
                    engagedBy = who;
                    goto refused;
                }
            }

            engagedBy = string.Join(",", control.EngagedBy);
            control.Engaged = false;
            control.EngagedBy.Clear();
            Persist(scope, control);
        }

        Log.Released(_logger, scope, releasedBy.Subject);
        _publisher.Publish(SecurityEventTypes.KillSwitchReleased, _time.GetUtcNow(), releasedBy.Subject, "killswitch/" + scope, SecurityOutcome.Success, new Dictionary<string, string>
            {
                ["scope"] = scope.ToString(),
                ["engaged_by"] = Truncate(engagedBy),
                ["reason"] = Truncate(reason),
            });
        return KillSwitchReleaseResult.Released;

    refused:
        PublishRefusal(scope, releasedBy.Subject, "killswitch.release", "self_release");
        return KillSwitchReleaseResult.SelfReleaseRefused;
    }

    /// <summary>Returns the state that applies to an order and whether a kill switch blocks it; allocation-free.</summary>
    internal (TradingState State, bool KillSwitch) Evaluate(string account, string? strategy)
    {
        var state = _global.State;
        var killed = _global.Engaged;
        if (Volatile.Read(ref _scopesInUse) == 0)
        {
            return (state, killed);
        }

        if (_scopes.TryGetValue(new KillSwitchScope(KillSwitchScopeKind.Account, account), out var a))
        {
            state = Max(state, a.State);
            killed |= a.Engaged;
        }

        if (strategy is not null && _scopes.TryGetValue(new KillSwitchScope(KillSwitchScopeKind.Strategy, strategy), out var s))
        {
            state = Max(state, s.State);
            killed |= s.Engaged;
        }

        return (state, killed);
    }

    /// <summary>Switches a scope's state on the system's own authority (the daily-loss limit); publishes when it changes.</summary>
    internal bool ChangeStateBySystem(KillSwitchScope scope, TradingState state, string reason) => ChangeState(scope, state, SystemActor, reason);

    private static TradingState Max(TradingState a, TradingState b) => a >= b ? a : b;

    private static string Truncate(string value) => value.Length <= SecurityEvent.MaxValueLength ? value : value[..SecurityEvent.MaxValueLength];

    private static void CheckScope(KillSwitchScope scope)
    {
        if (!Enum.IsDefined(scope.Kind) || (scope.Kind != KillSwitchScopeKind.Global && string.IsNullOrWhiteSpace(scope.Id)))
        {
            throw new ArgumentException("A scope is global, or an account or strategy scope with an id (use KillSwitchScope.ForAccount or ForStrategy).", nameof(scope));
        }
    }

    private bool ChangeState(KillSwitchScope scope, TradingState state, string actor, string reason)
    {
        var control = GetOrAdd(scope);
        TradingState previous;
        lock (control.Sync)
        {
            previous = control.State;
            if (previous == state)
            {
                return false;
            }

            control.State = state;
            Persist(scope, control);
        }

        Log.StateChanged(_logger, scope, previous, state, actor);
        _publisher.Publish(SecurityEventTypes.TradingStateChanged, _time.GetUtcNow(), actor, "trading-state/" + scope, SecurityOutcome.Success, new Dictionary<string, string>
            {
                ["scope"] = scope.ToString(),
                ["from"] = previous.ToString(),
                ["to"] = state.ToString(),
                ["reason"] = Truncate(reason),
            });
        return true;
    }

    /// <summary>Writes a scope's record through to the store; the caller holds the scope's lock.</summary>
    private void Persist(KillSwitchScope scope, ScopeControl control) =>
        _store.Save(new TradingStateRecord(scope, control.State, control.Engaged, [.. control.EngagedBy], _time.GetUtcNow()));

    private void PublishRefusal(KillSwitchScope scope, string actor, string action, string reason)
    {
        Log.Refused(_logger, action, scope, actor, reason);
        _publisher.Publish(SecurityEventTypes.AccessDenied, _time.GetUtcNow(), actor, "killswitch/" + scope, SecurityOutcome.Denied, new Dictionary<string, string>
            {
                ["action"] = action,
                ["scope"] = scope.ToString(),
                ["reason"] = reason,
            });
    }

    private ScopeControl? Find(KillSwitchScope scope) =>
        scope.Kind == KillSwitchScopeKind.Global ? _global : _scopes.TryGetValue(scope, out var c) ? c : null;

    private ScopeControl GetOrAdd(KillSwitchScope scope)
    {
        if (scope.Kind == KillSwitchScopeKind.Global)
        {
            return _global;
        }

        if (_scopes.TryGetValue(scope, out var c))
        {
            return c;
        }

        var added = _scopes.GetOrAdd(scope, static _ => new ScopeControl());
        Volatile.Write(ref _scopesInUse, 1);
        return added;
    }

    private List<OpenOrder> OpenOrdersIn(KillSwitchScope scope)
    {
        var orders = new List<OpenOrder>();
        foreach (var account in _book.Accounts)
        {
            var id = account.Key;
            if (scope.Kind == KillSwitchScopeKind.Account && !string.Equals(id, scope.Id, StringComparison.Ordinal))
            {
                continue;
            }

            lock (account.Sync)
            {
                foreach (var o in account.OpenOrders.Entries)
                {
                    if (scope.Kind != KillSwitchScopeKind.Strategy || string.Equals(o.Strategy, scope.Id, StringComparison.Ordinal))
                    {
                        orders.Add(o.ToPublic(id));
                    }
                }
            }
        }

        return orders;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Critical, Message = "Kill switch engaged for {Scope} by {Actor}.")]
        public static partial void Engaged(ILogger logger, KillSwitchScope scope, string actor);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Kill switch released for {Scope} by {Actor}.")]
        public static partial void Released(ILogger logger, KillSwitchScope scope, string actor);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "The host failed to send the kill-switch cancel of order {OrderId} of account {Account}.")]
        public static partial void CancelFailed(ILogger logger, Exception exception, string orderId, string account);

        [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Trading state of {Scope} changed from {From} to {To} by {Actor}.")]
        public static partial void StateChanged(ILogger logger, KillSwitchScope scope, TradingState from, TradingState to, string actor);

        [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Refused {Action} on {Scope} by {Actor}: {Reason}.")]
        public static partial void Refused(ILogger logger, string action, KillSwitchScope scope, string actor, string reason);
    }
}
