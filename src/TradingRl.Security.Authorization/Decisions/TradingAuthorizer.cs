using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization;

/// <summary>The default <see cref="ITradingAuthorizer"/> over the compiled policy.</summary>
/// <remarks>
/// <para>Order of checks: the permission must be defined and granted by the principal's roles; a step-up permission needs
/// a second factor within the step-up age; a resource of a desk is only for principals of that desk; an account is only
/// for principals that may act for it; then every forbid rule that applies is evaluated (any satisfied or unevaluable one
/// denies); then, if permit rules govern the permission, one must be satisfied; otherwise the role grant allows.</para>
/// <para>Rules are held in ordinal id order, so decisions and the rule ids they report never depend on load order.</para>
/// </remarks>
public sealed partial class TradingAuthorizer : ITradingAuthorizer
{
    internal const string DecisionsInstrument = "tradingrl.security.authz.decisions";

    private readonly CompiledPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ITradingCalendar _calendar;
    private readonly ISecurityEventPublisher _publisher;
    private readonly ILogger _logger;
    private readonly Counter<long> _decisions;

    internal TradingAuthorizer(
        CompiledPolicy policy,
        TimeProvider time,
        ITradingCalendar calendar,
        ISecurityEventPublisher publisher,
        ILogger<TradingAuthorizer>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        _policy = policy;
        _time = time;
        _calendar = calendar;
        _publisher = publisher;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _decisions = meter.CreateCounter<long>(DecisionsInstrument, "{decision}", "Authorization decisions. Tags outcome and reason.");
    }

    /// <inheritdoc/>
    public AuthorizationDecision Authorize(SecurityPrincipal principal, in AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var decision = Evaluate(principal, in request, null, null);
        if (decision.IsAllowed)
        {
            if (_decisions.Enabled)
            {
                _decisions.Add(1, new KeyValuePair<string, object?>("outcome", "allow"), new KeyValuePair<string, object?>("reason", decision.ReasonCode));
            }
        }
        else
        {
            OnDenied(principal, in request, decision);
        }

        return decision;
    }

    /// <inheritdoc/>
    public AuthorizationExplanation WhatIf(SecurityPrincipal principal, in AuthorizationRequest request, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var trace = new List<RuleEvaluation>();
        var decision = Evaluate(principal, in request, at, trace);
        return new AuthorizationExplanation(decision, at, trace);
    }

    private static AuthorizationDecision Deny(AuthorizationReason reason, Permission permission, string[]? rules = null) =>
        new(false, reason, permission, rules);

    private AuthorizationDecision Evaluate(SecurityPrincipal principal, in AuthorizationRequest request, DateTimeOffset? at, List<RuleEvaluation>? trace)
    {
        var permission = request.Permission;
        if (!permission.IsDefined)
        {
            return Deny(AuthorizationReason.UnknownPermission, permission);
        }

        if (!principal.HasPermission(permission))
        {
            return Deny(AuthorizationReason.PermissionNotGranted, permission);
        }

        var policy = _policy;

        // A step-up check reads the clock; that instant is then the decision's (one decision sees one instant).
        if (policy.StepUp.Contains(permission))
        {
            var now = at ?? _time.GetUtcNow();
            at = now;
            if (!PrincipalFacts.HasMultiFactor(principal) || AuthenticationAgeCondition.IsRecent(principal, now, policy.StepUpMaxAge) != ConditionResult.True)
            {
                return Deny(AuthorizationReason.StepUpRequired, permission);
            }
        }

        // Desks are tenants: a resource of a desk is never for a principal of another desk, or of none.
        if (request.Desk is { } desk && !string.Equals(principal.Desk, desk, StringComparison.Ordinal))
        {
            return Deny(AuthorizationReason.CrossDesk, permission);
        }

        if (policy.EnforceAccountScope && request.Account is { } account && !PrincipalFacts.CanActFor(principal, account))
        {
            return Deny(AuthorizationReason.AccountNotPermitted, permission);
        }

        var forbids = policy.ForbidsFor(permission);
        var permits = policy.PermitsFor(permission);
        if (trace is null && forbids.Count == 0 && permits.Count == 0)
        {
            // No rule governs the permission: the role grant decides (the common RBAC-only path).
            return new AuthorizationDecision(true, AuthorizationReason.GrantedByRole, permission, null);
        }

        return EvaluateRules(principal, in request, at, trace, forbids, permits);
    }

    // Kept out of Evaluate so the RBAC-only path does not pay for this method's larger frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private AuthorizationDecision EvaluateRules(SecurityPrincipal principal, in AuthorizationRequest request, DateTimeOffset? at, List<RuleEvaluation>? trace, RuleIndex forbids, RuleIndex permits)
    {
        var permission = request.Permission;
        var clock = at is { } instant ? new DecisionClock(instant) : new DecisionClock(_time);
        var context = new EvaluationContext(principal, in request, ref clock, _calendar);
        if (trace is not null)
        {
            return Explain(in context, forbids, permits, permission, trace);
        }

        // Only the rules not certainly False for this instrument are evaluated; the result is the same as over all rules.
        List<string>? hits = null;
        var satisfiedForbid = false;
        var listing = request.Instrument is { } instrument ? _policy.RulesListing(permission, instrument) : null;
        var first = listing is null ? forbids.All : forbids.Unindexed;
        var second = listing?.Forbids ?? [];
        EvaluateForbids(in context, first, ref hits, ref satisfiedForbid);
        EvaluateForbids(in context, second, ref hits, ref satisfiedForbid);
        if (hits is not null)
        {
            if (first.Length > 0 && second.Length > 0)
            {
                hits.Sort(StringComparer.Ordinal);
            }

            return Deny(satisfiedForbid ? AuthorizationReason.ForbiddenByRule : AuthorizationReason.ForbidRuleNotEvaluable, permission, [.. hits]);
        }

        if (permits.Count == 0)
        {
            return new AuthorizationDecision(true, AuthorizationReason.GrantedByRole, permission, null);
        }

        // Merge the two sorted candidate lists so the permit reported is the lowest satisfied id, as over all rules.
        first = listing is null ? permits.All : permits.Unindexed;
        second = listing?.Permits ?? [];
        int i = 0, j = 0;
        while (i < first.Length || j < second.Length)
        {
            var rule = j >= second.Length || (i < first.Length && string.CompareOrdinal(first[i].Id, second[j].Id) < 0) ? first[i++] : second[j++];
            if (rule.IsSatisfied(in context))
            {
                return new AuthorizationDecision(true, AuthorizationReason.PermittedByRule, permission, rule.IdArray);
            }
        }

        return Deny(AuthorizationReason.NoPermitMatched, permission);
    }

    private static void EvaluateForbids(in EvaluationContext context, CompiledRule[] rules, ref List<string>? hits, ref bool satisfied)
    {
        // Every candidate forbid is evaluated (no short-circuit) so the reported ids are the same whatever the order.
        foreach (var rule in rules)
        {
            var result = rule.Evaluate(in context, out _);
            if (result != ConditionResult.False)
            {
                (hits ??= []).Add(rule.Id);
                satisfied |= result == ConditionResult.True;
            }
        }
    }

    // The what-if path evaluates every rule of the permission, unindexed, and records each outcome.
    private static AuthorizationDecision Explain(in EvaluationContext context, RuleIndex forbids, RuleIndex permits, Permission permission, List<RuleEvaluation> trace)
    {
        List<string>? hits = null;
        var satisfiedForbid = false;
        foreach (var rule in forbids.All)
        {
            var result = rule.Evaluate(in context, out var culprit);
            trace.Add(Trace(rule, result, culprit));
            if (result != ConditionResult.False)
            {
                (hits ??= []).Add(rule.Id);
                satisfiedForbid |= result == ConditionResult.True;
            }
        }

        CompiledRule? permitted = null;
        foreach (var rule in permits.All)
        {
            var result = rule.Evaluate(in context, out var culprit);
            trace.Add(Trace(rule, result, culprit));
            if (result == ConditionResult.True)
            {
                permitted ??= rule;
            }
        }

        if (hits is not null)
        {
            return Deny(satisfiedForbid ? AuthorizationReason.ForbiddenByRule : AuthorizationReason.ForbidRuleNotEvaluable, permission, [.. hits]);
        }

        if (permits.Count == 0)
        {
            return new AuthorizationDecision(true, AuthorizationReason.GrantedByRole, permission, null);
        }

        return permitted is not null
            ? new AuthorizationDecision(true, AuthorizationReason.PermittedByRule, permission, permitted.IdArray)
            : Deny(AuthorizationReason.NoPermitMatched, permission);
    }

    private static RuleEvaluation Trace(CompiledRule rule, ConditionResult result, Condition? culprit) =>
        new(rule.Id, rule.Effect, result switch
        {
            ConditionResult.True => RuleOutcome.Satisfied,
            ConditionResult.False => RuleOutcome.NotSatisfied,
            _ => RuleOutcome.NotEvaluable,
        }, culprit?.Name);

    private void OnDenied(SecurityPrincipal principal, in AuthorizationRequest request, AuthorizationDecision decision)
    {
        if (_decisions.Enabled)
        {
            _decisions.Add(1, new KeyValuePair<string, object?>("outcome", "deny"), new KeyValuePair<string, object?>("reason", decision.ReasonCode));
        }

        Log.Denied(_logger, principal.Subject, decision.Permission.Name, decision.ReasonCode);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["permission"] = decision.Permission.IsDefined ? decision.Permission.Name : "(undefined)",
            ["reason"] = decision.ReasonCode,
        };
        if (decision.RuleIds.Count > 0)
        {
            properties["rules"] = string.Join(",", decision.RuleIds);
        }

        AuthorizationEvents.AddIfSet(properties, "desk", request.Desk);
        AuthorizationEvents.AddIfSet(properties, "account", request.Account);
        AuthorizationEvents.AddIfSet(properties, "instrument", request.Instrument);
        AuthorizationEvents.AddIfSet(properties, "principal_desk", principal.Desk);
        var resource = request.Account is { } account ? "account/" + account : "permission/" + properties["permission"];
        try
        {
            _publisher.Publish(AuthorizationEvents.Create(
                SecurityEventTypes.AccessDenied, _time.GetUtcNow(), principal.Subject, resource, SecurityOutcome.Denied, properties));
        }
        catch (Exception ex) when (ex is SecurityEventPipelineClosedException or SecurityEventPublishTimeoutException)
        {
            // The decision stands (deny); the lost event is logged so monitoring gaps are visible.
            Log.DenialNotPublished(_logger, ex, principal.Subject, decision.ReasonCode);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Authorization denied {Subject} the permission {Permission}: {Reason}.")]
        public static partial void Denied(ILogger logger, string subject, string permission, string reason);

        [LoggerMessage(2, LogLevel.Error, "The authz.access.denied event for {Subject} ({Reason}) could not be published.")]
        public static partial void DenialNotPublished(ILogger logger, Exception exception, string subject, string reason);
    }
}
