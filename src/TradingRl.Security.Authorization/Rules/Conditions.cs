using System.Collections.Frozen;
using System.Net;

namespace TradingRl.Security.Authorization;

/// <summary>The three-valued result of one condition.</summary>
internal enum ConditionResult
{
    True = 0,
    False = 1,

    // The condition could not be evaluated: never allows (a permit does not match, a forbid denies).
    Error = 2,
}

/// <summary>What a condition reads: the principal, the request, the instant and the calendar.</summary>
internal readonly ref struct EvaluationContext(SecurityPrincipal principal, ref readonly AuthorizationRequest request, DateTimeOffset now, ITradingCalendar calendar)
{
    public readonly SecurityPrincipal Principal = principal;
    public readonly ref readonly AuthorizationRequest Request = ref request;
    public readonly DateTimeOffset Now = now;
    public readonly ITradingCalendar Calendar = calendar;
}

/// <summary>One compiled condition of a rule.</summary>
internal abstract class Condition(string name)
{
    /// <summary>Gets the option name, e.g. <c>Instruments</c>, shown in explanations.</summary>
    public string Name { get; } = name;

    /// <summary>Gets a value indicating whether the condition reads the clock.</summary>
    public virtual bool NeedsClock => false;

    public abstract ConditionResult Evaluate(in EvaluationContext context);

    protected static ConditionResult Of(bool value) => value ? ConditionResult.True : ConditionResult.False;
}

internal sealed class SubjectDeskCondition(FrozenSet<string> desks) : Condition("SubjectDesks")
{
    public override ConditionResult Evaluate(in EvaluationContext context) =>
        context.Principal.Desk is { } desk ? Of(desks.Contains(desk)) : ConditionResult.Error;
}

internal sealed class SameDeskCondition() : Condition("SameDesk")
{
    public override ConditionResult Evaluate(in EvaluationContext context) =>
        context.Principal.Desk is { } mine && context.Request.Desk is { } theirs
            ? Of(string.Equals(mine, theirs, StringComparison.Ordinal))
            : ConditionResult.Error;
}

internal sealed class OwnAccountCondition() : Condition("OwnAccount")
{
    public override ConditionResult Evaluate(in EvaluationContext context) =>
        context.Request.Account is { } account ? Of(PrincipalFacts.CanActFor(context.Principal, account)) : ConditionResult.Error;
}

internal sealed class MfaCondition() : Condition("RequireMfa")
{
    public override ConditionResult Evaluate(in EvaluationContext context) => Of(PrincipalFacts.HasMultiFactor(context.Principal));
}

internal sealed class AuthenticationAgeCondition(TimeSpan maxAge) : Condition("MaxAuthenticationAge")
{
    // An authentication time further in the future than this is a bad clock or a forged token: not evaluable.
    internal static readonly TimeSpan FutureSkew = TimeSpan.FromMinutes(1);

    public override bool NeedsClock => true;

    public override ConditionResult Evaluate(in EvaluationContext context) => IsRecent(context.Principal, context.Now, maxAge);

    internal static ConditionResult IsRecent(SecurityPrincipal principal, DateTimeOffset now, TimeSpan maxAge)
    {
        if (principal.AuthenticatedAt is not { } at || at - now > FutureSkew)
        {
            return ConditionResult.Error;
        }

        return Of(now - at < maxAge);
    }
}

internal sealed class SubjectAttributesCondition(KeyValuePair<string, string>[] required) : Condition("SubjectAttributes")
{
    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        var attributes = context.Principal.Attributes;
        var result = ConditionResult.True;
        foreach (var (name, value) in required)
        {
            if (!attributes.TryGetValue(name, out var actual))
            {
                return ConditionResult.Error;
            }

            if (!string.Equals(actual, value, StringComparison.Ordinal))
            {
                result = ConditionResult.False;
            }
        }

        return result;
    }
}

internal sealed class InstrumentCondition(FrozenSet<string> instruments) : Condition("Instruments")
{
    public FrozenSet<string> Instruments => instruments;

    public override ConditionResult Evaluate(in EvaluationContext context) =>
        context.Request.Instrument is { } i ? Of(instruments.Contains(i)) : ConditionResult.Error;
}

internal sealed class ResourceDeskCondition(FrozenSet<string> desks) : Condition("ResourceDesks")
{
    public override ConditionResult Evaluate(in EvaluationContext context) =>
        context.Request.Desk is { } d ? Of(desks.Contains(d)) : ConditionResult.Error;
}

internal sealed class AccountCondition(FrozenSet<string> accounts) : Condition("Accounts")
{
    public override ConditionResult Evaluate(in EvaluationContext context) =>
        context.Request.Account is { } a ? Of(accounts.Contains(a)) : ConditionResult.Error;
}

internal sealed class NotionalCondition(decimal? from, decimal? below) : Condition("Notional")
{
    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        if (context.Request.Notional is not { } n)
        {
            return ConditionResult.Error;
        }

        return Of((from is not { } f || n >= f) && (below is not { } b || n < b));
    }
}

internal sealed class ClassificationCondition(ClassificationLevel? min, ClassificationLevel? max) : Condition("Classification")
{
    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        // A classification of another taxonomy, or none, cannot be placed on the scale.
        if (context.Request.Classification is not { } c || !TradingDataClassifications.TryGetLevel(c, out var level))
        {
            return ConditionResult.Error;
        }

        return Of((min is not { } lo || level >= lo) && (max is not { } hi || level <= hi));
    }
}

internal sealed class TimeWindowCondition(TimeZoneInfo zone, TimeOnly from, TimeOnly until) : Condition("TimeWindow")
{
    public override bool NeedsClock => true;

    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        // Wall-clock time in the zone: across DST the same UTC instant maps to a different local time.
        var local = TimeOnly.FromTimeSpan(TimeZoneInfo.ConvertTime(context.Now, zone).TimeOfDay);
        return Of(Contains(from, until, local));
    }

    // Start inclusive, end exclusive; a start after the end is a window across midnight.
    internal static bool Contains(TimeOnly from, TimeOnly until, TimeOnly t) =>
        from < until ? t >= from && t < until : t >= from || t < until;
}

internal sealed class TradingDayCondition(TimeZoneInfo zone, bool expected) : Condition("TradingDay")
{
    public override bool NeedsClock => true;

    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now, zone).DateTime);
        try
        {
            return Of(context.Calendar.IsTradingDay(date) == expected);
        }
#pragma warning disable CA1031 // A calendar that fails must not decide: the condition is then unevaluable.
        catch (Exception)
#pragma warning restore CA1031
        {
            return ConditionResult.Error;
        }
    }
}

internal sealed class SourceNetworkCondition(IPNetwork[] networks, bool inside) : Condition(inside ? "SourceNetworks" : "SourceOutsideNetworks")
{
    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        if (context.Request.SourceAddress is not { } address)
        {
            return ConditionResult.Error;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var found = false;
        foreach (var n in networks)
        {
            if (n.Contains(address))
            {
                found = true;
                break;
            }
        }

        return Of(found == inside);
    }
}
