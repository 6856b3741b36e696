using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>GDPR data-subject rights: consent (purpose, time, withdrawal) and access/portability (a machine-readable export of everything held about a person), each request itself audited.</summary>
/// <remarks>
/// <para>Every request appends a <c>privacy.request.received</c> record before it runs and a <c>privacy.request.completed</c> record after,
/// both durable in the audit trail, naming the requester as actor and <c>user/&lt;subject&gt;</c> as resource.</para>
/// <para>The export holds: the consents, each registered <see cref="IPersonalDataSource"/>'s section, and every audit record that names the subject
/// (as actor, as resource <c>user/&lt;subject&gt;</c>, or in the property <c>subject</c>). Protected (classified) audit properties are listed by name, not
/// decrypted. Thread-safe.</para>
/// </remarks>
public sealed class DataSubjectService
{
    private const int MaxSubjectLength = 1024;
    private readonly AuditTrail _trail;
    private readonly IConsentStore _consents;
    private readonly IPersonalDataSource[] _sources;
    private readonly EvidenceOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Initializes the service.</summary>
    /// <param name="trail">The audit trail: searched for the export, and where each request is recorded.</param>
    /// <param name="consents">The consent store.</param>
    /// <param name="sources">The other holders of personal data.</param>
    /// <param name="options">The settings (<see cref="EvidenceOptions.MaxRecords"/> bounds the audit search).</param>
    /// <param name="timeProvider">The clock; the system clock when omitted.</param>
    public DataSubjectService(AuditTrail trail, IConsentStore consents, IEnumerable<IPersonalDataSource> sources, IOptions<EvidenceOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        _trail = trail;
        _consents = consents;
        _sources = [.. sources];
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Records a subject's consent to a purpose.</summary>
    /// <param name="subject">The data subject; 1 to 1,024 characters.</param>
    /// <param name="purpose">The purpose; 1 to 256 characters.</param>
    /// <param name="requester">Who records it (the subject or an operator), for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new consent, or <see langword="null"/> when one is already active for that purpose.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    public async ValueTask<ConsentRecord?> GrantConsentAsync(string subject, string purpose, string requester, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        CheckPurpose(purpose);
        CheckSubject(requester, nameof(requester));
        var id = await ReceivedAsync("consent.grant", subject, requester, cancellationToken).ConfigureAwait(false);
        var record = new ConsentRecord(subject, purpose, _time.GetUtcNow());
        var added = await _consents.TryGrantAsync(record, cancellationToken).ConfigureAwait(false);
        await CompletedAsync(id, "consent.grant", subject, requester, added, new() { ["purpose"] = purpose }, cancellationToken).ConfigureAwait(false);
        return added ? record : null;
    }

    /// <summary>Withdraws a subject's consent to a purpose; the record is kept with its withdrawal time.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="requester">Who withdraws it, for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The withdrawn record, or <see langword="null"/> when no consent for that purpose was active.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    public async ValueTask<ConsentRecord?> WithdrawConsentAsync(string subject, string purpose, string requester, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        CheckPurpose(purpose);
        CheckSubject(requester, nameof(requester));
        var id = await ReceivedAsync("consent.withdraw", subject, requester, cancellationToken).ConfigureAwait(false);
        var withdrawn = await _consents.TryWithdrawAsync(subject, purpose, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await CompletedAsync(id, "consent.withdraw", subject, requester, withdrawn is not null, new() { ["purpose"] = purpose }, cancellationToken).ConfigureAwait(false);
        return withdrawn;
    }

    /// <summary>Lists a subject's consents, active and withdrawn.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records, oldest first.</returns>
    public ValueTask<IReadOnlyList<ConsentRecord>> ListConsentsAsync(string subject, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        return _consents.ListAsync(subject, cancellationToken);
    }

    /// <summary>Writes everything held about a subject as UTF-8 JSON (access and portability, GDPR articles 15 and 20).</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="requester">Who asked, for the audit trail.</param>
    /// <param name="output">The stream the JSON is written to; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many audit records naming the subject were exported.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    /// <exception cref="InvalidOperationException">The trail holds more than <see cref="EvidenceOptions.MaxRecords"/> records.</exception>
    public async ValueTask<int> ExportAsync(string subject, string requester, Stream output, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        CheckSubject(requester, nameof(requester));
        ArgumentNullException.ThrowIfNull(output);
        var id = await ReceivedAsync("export", subject, requester, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var records = (await AuditPeriodReader.ReadAsync(_trail, DateTimeOffset.MinValue, now.AddTicks(1), _options.MaxRecords, null, cancellationToken).ConfigureAwait(false))
            .Where(r => Names(r, subject)).ToList();
        var consents = await _consents.ListAsync(subject, cancellationToken).ConfigureAwait(false);
        await using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", "tradingrl.subject-export.v1");
            w.WriteString("subject", subject);
            w.WriteString("generated_at", now);
            w.WriteString("request_id", id);
            w.WriteStartArray("consents");
            foreach (var c in consents)
            {
                w.WriteStartObject();
                w.WriteString("purpose", c.Purpose);
                w.WriteString("granted_at", c.GrantedAt);
                if (c.WithdrawnAt is { } at)
                {
                    w.WriteString("withdrawn_at", at);
                }
                else
                {
                    w.WriteNull("withdrawn_at");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("sources");
            foreach (var source in _sources)
            {
                w.WriteStartArray(source.Name);
                foreach (var item in await source.ExportAsync(subject, cancellationToken).ConfigureAwait(false))
                {
                    w.WriteStartObject();
                    foreach (var (k, v) in item)
                    {
                        w.WriteString(k, v);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteStartArray("audit_records");
            foreach (var r in records)
            {
                WriteRecord(w, r);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        await CompletedAsync(id, "export", subject, requester, true, new() { ["audit_records"] = records.Count.ToString(CultureInfo.InvariantCulture) }, cancellationToken).ConfigureAwait(false);
        return records.Count;
    }

    private static bool Names(AuditRecord r, string subject) =>
        string.Equals(r.Actor, subject, StringComparison.Ordinal) ||
        string.Equals(r.Resource, "user/" + subject, StringComparison.Ordinal) ||
        string.Equals(r.Properties.GetValueOrDefault("subject"), subject, StringComparison.Ordinal);

    private static void WriteRecord(Utf8JsonWriter w, AuditRecord r)
    {
        w.WriteStartObject();
        w.WriteNumber("sequence", r.Sequence);
        w.WriteString("recorded_at", r.RecordedAt);
        w.WriteString("event_timestamp", r.EventTimestamp);
        w.WriteString("type", r.Type);
        w.WriteString("outcome", r.Outcome.ToString());
        w.WriteString("actor", r.Actor);
        w.WriteString("source_address", r.SourceAddress);
        w.WriteString("resource", r.Resource);
        w.WriteStartObject("properties");
        foreach (var (k, v) in r.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
        w.WriteStartArray("protected_properties");
        foreach (var k in r.ProtectedProperties.Keys.Order(StringComparer.Ordinal))
        {
            w.WriteStringValue(k);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void CheckSubject(string value, string name = "subject")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value.Length, MaxSubjectLength, name);
    }

    private static void CheckPurpose(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(purpose.Length, 256, nameof(purpose));
    }

    private async ValueTask<string> ReceivedAsync(string kind, string subject, string requester, CancellationToken cancellationToken)
    {
        var id = "dsr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await AppendAsync(EvidenceEventTypes.SubjectRequestReceived, id, kind, subject, requester, SecurityOutcome.Success, [], cancellationToken).ConfigureAwait(false);
        return id;
    }

    private ValueTask CompletedAsync(string id, string kind, string subject, string requester, bool done, Dictionary<string, string> extra, CancellationToken cancellationToken) =>
        AppendAsync(EvidenceEventTypes.SubjectRequestCompleted, id, kind, subject, requester, done ? SecurityOutcome.Success : SecurityOutcome.Failure, extra, cancellationToken);

    private async ValueTask AppendAsync(
        SecurityEventDescriptor type, string id, string kind, string subject, string requester, SecurityOutcome outcome, Dictionary<string, string> extra, CancellationToken cancellationToken)
    {
        extra["request_id"] = id;
        extra["kind"] = kind;
        await _trail.AppendAsync(new SecurityEvent(type.Type, type.DefaultSeverity, _time.GetUtcNow())
        {
            Actor = requester,
            Resource = "user/" + subject,
            Outcome = outcome,
            Properties = extra,
        }, cancellationToken).ConfigureAwait(false);
    }
}
