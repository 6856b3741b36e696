using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Net;
using System.Net.Sockets;

namespace TradingRl.Security.Authorization;

/// <summary>The three-valued result of one condition.</summary>
internal enum ConditionResult
{
    True = 0,
    False = 1,

    // The condition could not be evaluated: never allows (a permit does not match, a forbid denies).
    Error = 2,
}

/// <summary>The instant of one decision: read from the clock at most once, and only when a condition needs it.</summary>
/// <remarks>Every condition of a decision sees the same instant; a decision that no time condition reaches never reads the clock.</remarks>
internal struct DecisionClock
{
    private readonly TimeProvider? _time;
    private DateTimeOffset _now;
    private bool _known;

    /// <summary>Initializes a clock fixed at <paramref name="at"/> (what-if decisions).</summary>
    public DecisionClock(DateTimeOffset at)
    {
        _now = at;
        _known = true;
    }

    /// <summary>Initializes a clock that reads <paramref name="time"/> on first use.</summary>
    public DecisionClock(TimeProvider time) => _time = time;

    public DateTimeOffset Now
    {
        get
        {
            if (!_known)
            {
                _now = _time!.GetUtcNow();
                _known = true;
            }

            return _now;
        }
    }
}

/// <summary>What a condition reads: the principal, the request, the instant and the calendar.</summary>
internal readonly ref struct EvaluationContext(SecurityPrincipal principal, ref readonly AuthorizationRequest request, ref DecisionClock clock, ITradingCalendar calendar)
{
    public readonly SecurityPrincipal Principal = principal;
    public readonly ref readonly AuthorizationRequest Request = ref request;
    public readonly ITradingCalendar Calendar = calendar;
    private readonly ref DecisionClock _clock = ref clock;

    public DateTimeOffset Now => _clock.Now;
}

/// <summary>One compiled condition of a rule.</summary>
internal abstract class Condition(string name)
{
    /// <summary>Gets the option name, e.g. <c>Instruments</c>, shown in explanations.</summary>
    public string Name { get; } = name;

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

/// <summary>Converts an instant to a zone's wall-clock time; a zone with one offset for all time (UTC, <c>Etc/GMT-3</c>) is a single addition.</summary>
internal readonly struct ZoneClock
{
    private readonly TimeZoneInfo _zone;
    private readonly long _fixedOffsetTicks;
    private readonly bool _isFixed;

    public ZoneClock(TimeZoneInfo zone)
    {
        _zone = zone;

        // No adjustment rule: no DST and no historical change, so the base offset holds at every instant.
        _isFixed = zone.GetAdjustmentRules().Length == 0;
        _fixedOffsetTicks = zone.BaseUtcOffset.Ticks;
    }

    public DateTime Local(DateTimeOffset now)
    {
        if (!_isFixed)
        {
            // Wall-clock time in the zone: across DST the same UTC instant maps to a different local time.
            return TimeZoneInfo.ConvertTime(now, _zone).DateTime;
        }

        // Clamped at the ends of the calendar, as TimeZoneInfo.ConvertTime does.
        return new DateTime(Math.Clamp(now.UtcTicks + _fixedOffsetTicks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
    }
}

internal sealed class TimeWindowCondition(TimeZoneInfo zone, TimeOnly from, TimeOnly until) : Condition("TimeWindow")
{
    private readonly ZoneClock _clock = new(zone);

    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        var local = TimeOnly.FromTimeSpan(_clock.Local(context.Now).TimeOfDay);
        return Of(Contains(from, until, local));
    }

    // Start inclusive, end exclusive; a start after the end is a window across midnight.
    internal static bool Contains(TimeOnly from, TimeOnly until, TimeOnly t) =>
        from < until ? t >= from && t < until : t >= from || t < until;
}

internal sealed class TradingDayCondition(TimeZoneInfo zone, bool expected) : Condition("TradingDay")
{
    private readonly ZoneClock _clock = new(zone);

    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        var date = DateOnly.FromDateTime(_clock.Local(context.Now));
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

internal sealed class SourceNetworkCondition : Condition
{
    // IPv4 networks as (prefix, mask) pairs, compared in registers; IPv6 networks through IPNetwork.Contains.
    private readonly (uint Prefix, uint Mask)[] _v4;
    private readonly IPNetwork[] _v6;
    private readonly bool _inside;

    public SourceNetworkCondition(IPNetwork[] networks, bool inside)
        : base(inside ? "SourceNetworks" : "SourceOutsideNetworks")
    {
        _inside = inside;
        _v4 = [.. networks.Where(n => n.BaseAddress.AddressFamily == AddressFamily.InterNetwork).Select(n =>
        {
            var mask = n.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - n.PrefixLength);
            return (ToUInt32(n.BaseAddress) & mask, mask);
        })];
        _v6 = [.. networks.Where(n => n.BaseAddress.AddressFamily != AddressFamily.InterNetwork)];
    }

    public override ConditionResult Evaluate(in EvaluationContext context)
    {
        if (context.Request.SourceAddress is not { } address)
        {
            return ConditionResult.Error;
        }

        bool found;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            found = ContainsV4(ToUInt32(address));
        }
        else if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:a.b.c.d is the IPv4 address a.b.c.d (a dual-stack socket reports IPv4 clients so).
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            found = ContainsV4(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]));
        }
        else
        {
            found = false;
            foreach (var n in _v6)
            {
                if (n.Contains(address))
                {
                    found = true;
                    break;
                }
            }
        }

        return Of(found == _inside);
    }

    private static uint ToUInt32(IPAddress v4)
    {
        Span<byte> bytes = stackalloc byte[4];
        v4.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private bool ContainsV4(uint address)
    {
        foreach (var (prefix, mask) in _v4)
        {
            if ((address & mask) == prefix)
            {
                return true;
            }
        }

        return false;
    }
}
