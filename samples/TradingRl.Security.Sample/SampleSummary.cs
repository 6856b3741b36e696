namespace TradingRl.Security.Sample;

/// <summary>What a run did, printed at the end and written to <c>summary.json</c> in the output directory.</summary>
public sealed record SampleSummary
{
    /// <summary>Gets the input file.</summary>
    public required string Input { get; init; }

    /// <summary>Gets the number of input rows replayed.</summary>
    public required long Rows { get; init; }

    /// <summary>Gets the number of agent accounts.</summary>
    public required int Accounts { get; init; }

    /// <summary>Gets the orders the agents submitted.</summary>
    public required long Orders { get; init; }

    /// <summary>Gets the orders authorization or the risk gate refused.</summary>
    public long OrdersRefused { get; init; }

    /// <summary>Gets the users provisioned.</summary>
    public int UsersProvisioned { get; init; }

    /// <summary>Gets the sign-in attempts by outcome.</summary>
    public IReadOnlyDictionary<string, long> SignIns { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the authorization denials by reason code.</summary>
    public IReadOnlyDictionary<string, long> AuthorizationDenials { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the orders the pre-trade gate checked.</summary>
    public long GateChecked { get; init; }

    /// <summary>Gets the orders the gate allowed.</summary>
    public long GateAllowed { get; init; }

    /// <summary>Gets the orders the gate denied.</summary>
    public long GateDenied { get; init; }

    /// <summary>Gets the gate's denials by reason.</summary>
    public IReadOnlyDictionary<string, long> GateDenialsByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the fills the gate recorded.</summary>
    public long GateFills { get; init; }

    /// <summary>Gets the daily-loss breaches (switches to reduce-only).</summary>
    public long DailyLossBreaches { get; init; }

    /// <summary>Gets the surveillance alerts by reason.</summary>
    public IReadOnlyDictionary<string, long> SurveillanceAlerts { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the trade reports written.</summary>
    public long TradeReports { get; init; }

    /// <summary>Gets the trade reports submitted after their deadline.</summary>
    public long LateTradeReports { get; init; }

    /// <summary>Gets the compliance report file name.</summary>
    public string? ComplianceReport { get; init; }

    /// <summary>Gets the section 9 scorecard of the run's period, one line per metric: id, status, value and target.</summary>
    public IReadOnlyList<string> Scorecard { get; init; } = [];

    /// <summary>Gets how many scorecard metrics pass.</summary>
    public int ScorecardPassed { get; init; }

    /// <summary>Gets how many scorecard metrics fail.</summary>
    public int ScorecardFailed { get; init; }

    /// <summary>Gets how many scorecard metrics the suite could not measure (each says why in scorecard.md).</summary>
    public int ScorecardNotMeasured { get; init; }

    /// <summary>Gets how many audit records the scorecard and the evidence pack cover.</summary>
    public long ScorecardRecords { get; init; }

    /// <summary>Gets the evidence pack's folder name in the output directory.</summary>
    public string? EvidencePack { get; init; }

    /// <summary>Gets how many files the evidence pack's manifest lists.</summary>
    public int EvidencePackFiles { get; init; }

    /// <summary>Gets whether the evidence pack verified against the audit log's public key and the live trail.</summary>
    public bool EvidencePackVerified { get; init; }

    /// <summary>Gets one line per incident: id, severity, title, escalation level reached, final status.</summary>
    public IReadOnlyList<string> Incidents { get; init; } = [];

    /// <summary>Gets the audit log's size at the end of the run.</summary>
    public long AuditRecords { get; init; }

    /// <summary>Gets the audit log's size at the previous run's last checkpoint, if any.</summary>
    public long? AuditPreviousRecords { get; init; }

    /// <summary>Gets a value indicating whether the audit log verified.</summary>
    public bool AuditVerified { get; init; }

    /// <summary>Gets the verifier's message.</summary>
    public string? AuditVerification { get; init; }

    /// <summary>Gets whether the log is consistent with the previous run's checkpoint; null on a first run.</summary>
    public bool? AuditConsistentWithPrevious { get; init; }

    /// <summary>Gets a value indicating whether the denied order's inclusion proof verified.</summary>
    public bool AuditInclusionProofVerified { get; init; }

    /// <summary>Gets the audit sequence number of the viewer's denied order.</summary>
    public long DeniedOrderAuditSequence { get; init; }

    /// <summary>Gets a value indicating whether the encrypted snapshot read back equal.</summary>
    public bool SnapshotRoundTrip { get; init; }

    /// <summary>Gets a value indicating whether the previous run's encrypted snapshot was read.</summary>
    public bool PreviousSnapshotRead { get; init; }

    /// <summary>Gets when the previous run's snapshot was taken, if one was read.</summary>
    public DateTimeOffset? PreviousSnapshotTakenAt { get; init; }

    /// <summary>Gets the cancels of the agents' orders.</summary>
    public required long Cancels { get; init; }

    /// <summary>Gets the fills of the agents' orders.</summary>
    public required long Fills { get; init; }

    /// <summary>Gets the orders still resting at the end.</summary>
    public required long OpenOrders { get; init; }

    /// <summary>Gets the events published.</summary>
    public required long EventsPublished { get; init; }

    /// <summary>Gets the events delivered to the summary's subscriber, by type.</summary>
    public required IReadOnlyDictionary<string, long> EventsByType { get; init; }

    /// <summary>Gets the events no subscriber could take after every attempt.</summary>
    public required long EventsDeadLettered { get; init; }

    /// <summary>Gets the full path of the HTML dashboard the run wrote.</summary>
    public string? Dashboard { get; init; }

    /// <summary>Gets the run's wall-clock time in seconds.</summary>
    public required double ElapsedSeconds { get; init; }
}
