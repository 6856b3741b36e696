using System.Collections.Frozen;

namespace TradingRl.Security.Compliance;

/// <summary>One market-abuse alert with the evidence behind it.</summary>
/// <remarks>
/// Immutable. <see cref="Measures"/> hold only ratios, counts, basis points and durations; prices and quantities
/// (order data, confidential) appear only in <see cref="Evidence"/>, which stays in the process and is not copied into
/// the published security event.
/// </remarks>
public sealed class SurveillanceAlert
{
    internal SurveillanceAlert(
        SurveillanceAlertKind kind,
        DateTimeOffset detectedAt,
        string instrument,
        string? account,
        string? owner,
        string summary,
        IReadOnlyList<SurveillanceEvidence> evidence,
        IReadOnlyDictionary<string, decimal> measures)
    {
        Id = Guid.CreateVersion7(detectedAt);
        Kind = kind;
        DetectedAt = detectedAt;
        Instrument = instrument;
        Account = account;
        Owner = owner;
        Summary = summary;
        Evidence = evidence;
        Measures = measures.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the alert id, also the id of the published security event.</summary>
    public Guid Id { get; }

    /// <summary>Gets the pattern detected.</summary>
    public SurveillanceAlertKind Kind { get; }

    /// <summary>Gets the time of the event that completed the pattern (market time, not wall-clock time).</summary>
    public DateTimeOffset DetectedAt { get; }

    /// <summary>Gets the instrument.</summary>
    public string Instrument { get; }

    /// <summary>Gets the account the alert is about, or <see langword="null"/> for anonymous market flow.</summary>
    public string? Account { get; }

    /// <summary>Gets the beneficial owner, when the detector works per owner.</summary>
    public string? Owner { get; }

    /// <summary>Gets a one-line description with the measures that crossed their thresholds.</summary>
    public string Summary { get; }

    /// <summary>Gets the order events cited, oldest first.</summary>
    /// <value>At most 32 entries.</value>
    public IReadOnlyList<SurveillanceEvidence> Evidence { get; }

    /// <summary>Gets the named measures and the thresholds they were compared with, e.g. <c>cancelled_to_executed_ratio</c>.</summary>
    public IReadOnlyDictionary<string, decimal> Measures { get; }

    /// <summary>Gets the reason code used on the security event, e.g. <c>wash_trade</c>.</summary>
    public string ReasonCode => ReasonCodeOf(Kind);

    /// <summary>Returns the reason code of an alert kind, e.g. <c>quote_stuffing</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The lower-case reason code.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public static string ReasonCodeOf(SurveillanceAlertKind kind) => kind switch
    {
        SurveillanceAlertKind.WashTrade => "wash_trade",
        SurveillanceAlertKind.Spoofing => "spoofing",
        SurveillanceAlertKind.Layering => "layering",
        SurveillanceAlertKind.ExcessiveOrderToTradeRatio => "order_to_trade_ratio",
        SurveillanceAlertKind.ExcessiveCancelRatio => "cancel_ratio",
        SurveillanceAlertKind.QuoteStuffing => "quote_stuffing",
        SurveillanceAlertKind.MarkingTheClose => "marking_the_close",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown surveillance alert kind."),
    };

    /// <inheritdoc/>
    public override string ToString() => $"{ReasonCode} {Instrument} {Account ?? "(market)"}: {Summary}";
}
