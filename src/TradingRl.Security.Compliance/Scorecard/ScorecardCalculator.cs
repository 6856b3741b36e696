using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Diagnostics;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Computes the seed's section 9 scorecard for a period from the audit trail, and publishes the latest one as observable gauges.</summary>
/// <remarks>
/// <para>Every metric is a count over audit records whose definition is in <see cref="ScorecardMetric.Query"/>. Metrics the suite cannot
/// measure are reported <see cref="ScorecardStatus.NotMeasured"/> with the reason, never as a pass.</para>
/// <para>Gauges on the <c>TradingRl.Security</c> meter: <c>tradingrl.security.scorecard.value</c> (measured metrics, tag <c>metric</c>) and
/// <c>tradingrl.security.scorecard.status</c> (1 pass, 0 fail, -1 not measured). They report the last computed scorecard. Thread-safe.</para>
/// </remarks>
public sealed class ScorecardCalculator : IDisposable
{
    private readonly AuditTrail _trail;
    private readonly EvidenceOptions _options;
    private readonly TimeProvider _time;
    private readonly IMfaEnrollmentSource? _mfa;
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private ComplianceScorecard? _latest;

    /// <summary>Initializes the calculator.</summary>
    /// <param name="trail">The audit trail the metrics are computed from.</param>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock for <see cref="ComplianceScorecard.GeneratedAt"/>; the system clock when omitted.</param>
    /// <param name="mfaEnrollment">Tells MFA enrolment from package state; the trail's <c>auth.mfa.enrolled</c> records when omitted.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private meter when omitted.</param>
    public ScorecardCalculator(AuditTrail trail, IOptions<EvidenceOptions> options, TimeProvider? timeProvider = null, IMfaEnrollmentSource? mfaEnrollment = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(options);
        _trail = trail;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _mfa = mfaEnrollment;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _meter.CreateObservableGauge("tradingrl.security.scorecard.value", ObserveValues, null, "The value of each measured scorecard metric of the last computed scorecard, in its unit (ratio, count or minutes).");
        _meter.CreateObservableGauge("tradingrl.security.scorecard.status", ObserveStatus, null, "The status of each scorecard metric of the last computed scorecard: 1 pass, 0 fail, -1 not measured.");
    }

    /// <summary>Gets the last computed scorecard, or <see langword="null"/> before the first.</summary>
    public ComplianceScorecard? Latest => Volatile.Read(ref _latest);

    /// <summary>Computes the scorecard of the records recorded from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    /// <param name="from">The period start.</param>
    /// <param name="to">The period end; after <paramref name="from"/>.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The scorecard; also kept as <see cref="Latest"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is empty or reversed.</exception>
    /// <exception cref="InvalidOperationException">The period holds more than <see cref="EvidenceOptions.MaxRecords"/> records.</exception>
    public async ValueTask<ComplianceScorecard> ComputeAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var enrolled = new HashSet<string>(StringComparer.Ordinal);
        DateTimeOffset? lastRotation = null;
        var anyKeyRing = false;
        void History(AuditRecord r)
        {
            if (r.Type == SecurityEventTypes.MfaEnrolled.Type && r.Outcome == SecurityOutcome.Success && r.Actor is { } a)
            {
                enrolled.Add(a);
            }
            else if (r.Type == SecurityEventTypes.KeyRotated.Type)
            {
                anyKeyRing = true;
                // A new current key: a rotation, or the ring's first key (a key created within the period is as fresh as a rotated one).
                if (r.Properties.GetValueOrDefault("action") is "rotated" or "created")
                {
                    lastRotation = r.RecordedAt;
                }
            }
        }

        var records = await AuditPeriodReader.ReadAsync(_trail, from, to, _options.MaxRecords, History, cancellationToken).ConfigureAwait(false);
        foreach (var r in records)
        {
            History(r);
        }

        if (_mfa is not null)
        {
            enrolled.Clear();
            foreach (var actor in records.Where(r => r.Type == SecurityEventTypes.LoginSucceeded.Type).Select(r => r.Actor).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (await _mfa.IsEnrolledAsync(actor, cancellationToken).ConfigureAwait(false))
                {
                    enrolled.Add(actor);
                }
            }
        }

        var verification = await _trail.VerifyAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var input = new ScorecardInput
        {
            From = from,
            To = to,
            Records = records,
            MfaEnrolled = enrolled,
            MfaFromPackageState = _mfa is not null,
            LastKeyRotation = lastRotation,
            AnyKeyRingRecord = anyKeyRing,
            KeyRotationPeriod = _options.KeyRotationPeriod,
            Verification = verification,
        };
        var scorecard = new ComplianceScorecard(from, to, _time.GetUtcNow(), records.Count,
            records.Count > 0 ? records[0].Sequence : null, records.Count > 0 ? records[^1].Sequence : null, ScorecardRules.Compute(input));
        Volatile.Write(ref _latest, scorecard);
        return scorecard;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<double>> ObserveValues()
    {
        var s = Latest;
        if (s is null)
        {
            yield break;
        }

        foreach (var m in s.Metrics)
        {
            if (m.Value is { } v)
            {
                yield return new Measurement<double>(v, new KeyValuePair<string, object?>("metric", m.Id), new KeyValuePair<string, object?>("unit", m.Target.Unit.ToString()));
            }
        }
    }

    private IEnumerable<Measurement<int>> ObserveStatus()
    {
        var s = Latest;
        if (s is null)
        {
            yield break;
        }

        foreach (var m in s.Metrics)
        {
            yield return new Measurement<int>(m.Status switch { ScorecardStatus.Pass => 1, ScorecardStatus.Fail => 0, _ => -1 }, new KeyValuePair<string, object?>("metric", m.Id));
        }
    }
}
