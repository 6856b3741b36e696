using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>GDPR data-subject rights: consent (purpose, time, withdrawal), access and portability (a machine-readable export of everything held about a person) and erasure (crypto-shredding), each request itself audited.</summary>
/// <remarks>
/// <para>Every request appends a <c>privacy.request.received</c> record before it runs and a <c>privacy.request.completed</c> record after,
/// both durable in the audit trail, naming the requester as actor and <c>user/&lt;subject&gt;</c> as resource. A request that fails after it was
/// received (a store throws, the caller cancels) still gets its completed record, with outcome <c>Failure</c> and the property <c>error</c>
/// (the exception type or <c>cancelled</c>), then the exception is rethrown: the trail never holds half a request. Bad arguments throw before
/// anything is recorded.</para>
/// <para>The export holds: the consents, each registered <see cref="IPersonalDataSource"/>'s section, and every audit record that names the subject
/// (as actor, as resource <c>user/&lt;subject&gt;</c>, or in the property <c>subject</c>). Protected (classified) audit properties are listed by name, not
/// decrypted. Thread-safe.</para>
/// </remarks>
public sealed partial class DataSubjectService
{
    private const int MaxSubjectLength = 1024;
    private const int MaxStoreNameLength = 48;
    private const int MaxEvidenceLength = 256;

    /// <summary>The most erasers: each adds one property to the completed record, beside at most eight of its own.</summary>
    private const int MaxErasers = SecurityEvent.MaxProperties - 8;
    private readonly AuditTrail _trail;
    private readonly IConsentStore _consents;
    private readonly IPersonalDataSource[] _sources;
    private readonly IPersonalDataEraser[] _erasers;
    private readonly EvidenceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes the service.</summary>
    /// <param name="trail">The audit trail: searched for the export, and where each request is recorded.</param>
    /// <param name="consents">The consent store.</param>
    /// <param name="sources">The other holders of personal data.</param>
    /// <param name="options">The settings (<see cref="EvidenceOptions.MaxRecords"/> bounds the audit search).</param>
    /// <param name="erasers">The stores that erase (crypto-shred) a subject's data; an erasure with none registered is refused.</param>
    /// <param name="timeProvider">The clock; the system clock when omitted.</param>
    /// <param name="logger">Logs failed requests (request id and kind, never the subject).</param>
    /// <exception cref="ArgumentException">An eraser's <see cref="IPersonalDataEraser.Name"/> is empty, longer than 48 characters, not of <c>a-z 0-9 . _ -</c>,
    /// or used twice, or more than 24 erasers are given.</exception>
    public DataSubjectService(
        AuditTrail trail,
        IConsentStore consents,
        IEnumerable<IPersonalDataSource> sources,
        IOptions<EvidenceOptions> options,
        IEnumerable<IPersonalDataEraser>? erasers = null,
        TimeProvider? timeProvider = null,
        ILogger<DataSubjectService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(consents);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(options);
        _trail = trail;
        _consents = consents;
        _sources = [.. sources];
        _erasers = [.. erasers ?? []];
        CheckErasers(_erasers);
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Records a subject's consent to a purpose.</summary>
    /// <param name="subject">The data subject; 1 to 1,024 characters.</param>
    /// <param name="purpose">The purpose; 1 to 256 characters.</param>
    /// <param name="requester">Who records it (the subject or an operator), for the audit trail; 1 to 1,024 characters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new consent, or <see langword="null"/> when one is already active for that purpose.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    public ValueTask<ConsentRecord?> GrantConsentAsync(string subject, string purpose, string requester, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        CheckPurpose(purpose);
        CheckSubject(requester, nameof(requester));
        return RunAsync<ConsentRecord?>("consent.grant", subject, requester, async (_, extra) =>
        {
            extra["purpose"] = purpose;
            var record = new ConsentRecord(subject, purpose, _time.GetUtcNow());
            var added = await _consents.TryGrantAsync(record, cancellationToken).ConfigureAwait(false);
            return (added ? record : null, added);
        }, cancellationToken);
    }

    /// <summary>Withdraws a subject's consent to a purpose; the record is kept with its withdrawal time.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="purpose">The purpose.</param>
    /// <param name="requester">Who withdraws it, for the audit trail.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The withdrawn record, or <see langword="null"/> when no consent for that purpose was active.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    public ValueTask<ConsentRecord?> WithdrawConsentAsync(string subject, string purpose, string requester, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        CheckPurpose(purpose);
        CheckSubject(requester, nameof(requester));
        return RunAsync("consent.withdraw", subject, requester, async (_, extra) =>
        {
            extra["purpose"] = purpose;
            var withdrawn = await _consents.TryWithdrawAsync(subject, purpose, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return (withdrawn, withdrawn is not null);
        }, cancellationToken);
    }

    /// <summary>Lists a subject's consents, active and withdrawn.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The records, oldest first.</returns>
    /// <exception cref="ArgumentException">The subject is empty or too long.</exception>
    public ValueTask<IReadOnlyList<ConsentRecord>> ListConsentsAsync(string subject, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        return _consents.ListAsync(subject, cancellationToken);
    }

    /// <summary>Writes everything held about a subject as UTF-8 JSON (access and portability, GDPR articles 15 and 20); protected audit values are listed by name only.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="requester">Who asked, for the audit trail.</param>
    /// <param name="output">The stream the JSON is written to; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many audit records naming the subject were exported.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    /// <exception cref="InvalidOperationException">The trail holds more than <see cref="EvidenceOptions.MaxRecords"/> records.</exception>
    public ValueTask<int> ExportAsync(string subject, string requester, Stream output, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        CheckSubject(requester, nameof(requester));
        ArgumentNullException.ThrowIfNull(output);
        return ExportCoreAsync(subject, requester, output, Reveal.None, cancellationToken);
    }

    /// <summary>Writes everything held about a subject as UTF-8 JSON like <see cref="ExportAsync"/>, with protected audit values decrypted when the requester is entitled to them.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="requester">Who asked: holding <see cref="Permissions.ManageUsers"/> (the data-protection officer's role) it gets every clear value;
    /// the subject itself gets the clear values of the records it made (not of records where another actor acted on it, GDPR art. 15(4)).</param>
    /// <param name="output">The stream the JSON is written to; left open.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>How many audit records naming the subject were exported.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    /// <exception cref="InvalidOperationException">The trail holds more than <see cref="EvidenceOptions.MaxRecords"/> records.</exception>
    /// <remarks>Each protected value goes to <c>protected_properties</c> as its clear text, or <see langword="null"/> when its key was erased
    /// (crypto-shredded) or it does not decrypt; a requester without the entitlement gets the names only, as from the other overload.</remarks>
    public ValueTask<int> ExportWithProtectedAsync(string subject, SecurityPrincipal requester, Stream output, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(output);
        // The data-protection officer sees every value; a subject sees the values of the records it made itself, not those of
        // records where someone else acted on it (GDPR art. 15(4): the copy must not adversely affect the rights of others).
        var reveal = requester.HasPermission(Permissions.ManageUsers) ? Reveal.All
            : string.Equals(requester.Subject, subject, StringComparison.Ordinal) ? Reveal.OwnRecords
            : Reveal.None;
        return ExportCoreAsync(subject, requester.Subject, output, reveal, cancellationToken);
    }

    /// <summary>Erases a subject (right to be forgotten): withdraws every active consent and has every <see cref="IPersonalDataEraser"/> erase its data, recording the evidence in the audit trail.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="requester">Who asked, for the audit trail.</param>
    /// <param name="cancellationToken">Checked before each store; once the request is received, a cancellation stops before the next store and is recorded as a failed request with the evidence of the stores already erased.</param>
    /// <returns>The evidence.</returns>
    /// <exception cref="ArgumentException">An argument is empty or too long.</exception>
    /// <exception cref="InvalidOperationException">No <see cref="IPersonalDataEraser"/> is registered (recorded as a failed request: nothing could be erased), or an eraser returned an empty or over-long evidence reference.</exception>
    /// <remarks>
    /// <para>The completed record carries <c>consents_withdrawn</c>, <c>stores</c> (how many erasers ran) and, per store that held data, <c>evidence.&lt;store&gt;</c>
    /// with its evidence reference (for the Encryption package's crypto-shredding, the <c>EvidenceDigest</c> of its <c>data.subject.erased</c> event).
    /// A store that throws leaves the request recorded as failed with the evidence so far; the exception is rethrown and the request may be retried
    /// (erasers are idempotent: a store already erased returns <see langword="null"/>).</para>
    /// <para>The audit trail itself is not altered (it stays verifiable): its records are kept under the legal-obligation exemption for their
    /// retention period, and classified values in them are ciphertext.</para>
    /// </remarks>
    public ValueTask<SubjectErasureResult> EraseAsync(string subject, string requester, CancellationToken cancellationToken = default)
    {
        CheckSubject(subject);
        CheckSubject(requester, nameof(requester));
        return RunAsync("erasure", subject, requester, async (id, extra) =>
        {
            extra["stores"] = _erasers.Length.ToString(CultureInfo.InvariantCulture);
            if (_erasers.Length == 0)
            {
                throw new InvalidOperationException("No IPersonalDataEraser is registered, so a subject's data cannot be erased; register one per store (e.g. over ISubjectEncryptor.EraseSubject).");
            }

            var withdrawn = 0;
            extra["consents_withdrawn"] = "0";
            foreach (var c in await _consents.ListAsync(subject, cancellationToken).ConfigureAwait(false))
            {
                if (c.IsActive && await _consents.TryWithdrawAsync(subject, c.Purpose, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false) is not null)
                {
                    extra["consents_withdrawn"] = (++withdrawn).ToString(CultureInfo.InvariantCulture);
                }
            }

            var evidence = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var eraser in _erasers)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await eraser.EraseAsync(subject, cancellationToken).ConfigureAwait(false) is { } reference)
                {
                    if (reference.Length is 0 or > MaxEvidenceLength)
                    {
                        throw new InvalidOperationException($"The eraser '{eraser.Name}' returned an evidence reference that is empty or longer than {MaxEvidenceLength} characters.");
                    }

                    evidence[eraser.Name] = reference;
                    extra["evidence." + eraser.Name] = reference;
                }
            }

            return (new SubjectErasureResult(id, evidence, withdrawn, _time.GetUtcNow()), true);
        }, cancellationToken);
    }

    private static void CheckErasers(IPersonalDataEraser[] erasers)
    {
        if (erasers.Length > MaxErasers)
        {
            throw new ArgumentException($"At most {MaxErasers} personal-data erasers can be registered; {erasers.Length} were given.", nameof(erasers));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var eraser in erasers)
        {
            var name = eraser?.Name;
            if (name is null || name.Length is 0 or > MaxStoreNameLength || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-') || !names.Add(name))
            {
                throw new ArgumentException($"Each personal-data eraser needs a unique name of 1 to {MaxStoreNameLength} characters of a-z, 0-9, '.', '_' and '-'.", nameof(erasers));
            }
        }
    }

    private async ValueTask<int> ExportCoreAsync(string subject, string requester, Stream output, Reveal reveal, CancellationToken cancellationToken) =>
        await RunAsync("export", subject, requester, async (id, extra) =>
        {
            var count = await WriteExportAsync(id, subject, output, reveal, cancellationToken).ConfigureAwait(false);
            extra["audit_records"] = count.ToString(CultureInfo.InvariantCulture);
            extra["decrypted"] = reveal switch { Reveal.All => "true", Reveal.OwnRecords => "own_records", _ => "false" };
            return (count, true);
        }, cancellationToken).ConfigureAwait(false);

    private async ValueTask<int> WriteExportAsync(string id, string subject, Stream output, Reveal reveal, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var records = (await AuditPeriodReader.ReadAsync(_trail, DateTimeOffset.MinValue, now.AddTicks(1), _options.MaxRecords, null, cancellationToken).ConfigureAwait(false))
            .Where(r => Names(r, subject)).ToList();
        var consents = await _consents.ListAsync(subject, cancellationToken).ConfigureAwait(false);
        await using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
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
            var clear = reveal == Reveal.All || (reveal == Reveal.OwnRecords && string.Equals(r.Actor, subject, StringComparison.Ordinal));
            AuditRecordJson.Write(w, r, clear ? _trail : null);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(cancellationToken).ConfigureAwait(false);
        return records.Count;
    }

    /// <summary>Records the request as received, runs it, and records it as completed, also when it throws: the trail never holds half a request.</summary>
    private async ValueTask<T> RunAsync<T>(
        string kind, string subject, string requester, Func<string, Dictionary<string, string>, ValueTask<(T Result, bool Done)>> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var id = "dsr-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await AppendAsync(EvidenceEventTypes.SubjectRequestReceived, id, kind, subject, requester, SecurityOutcome.Success, [], cancellationToken).ConfigureAwait(false);
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        (T Result, bool Done) outcome;
        try
        {
            outcome = await body(id, extra).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var error = ex is OperationCanceledException ? "cancelled" : ex.GetType().Name;
            Log.RequestFailed(_logger, ex, id, kind, error);
            extra["error"] = error;
            try
            {
                // The work may be partly done (an erasure cannot be undone): its record must be written even when the caller cancelled.
                await AppendAsync(EvidenceEventTypes.SubjectRequestCompleted, id, kind, subject, requester, SecurityOutcome.Failure, extra, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception appendFailure)
            {
                Log.CompletionNotRecorded(_logger, appendFailure, id, kind);
            }

            throw;
        }

        // Not cancellable: the request's effect already happened.
        await AppendAsync(EvidenceEventTypes.SubjectRequestCompleted, id, kind, subject, requester, outcome.Done ? SecurityOutcome.Success : SecurityOutcome.Failure, extra, CancellationToken.None)
            .ConfigureAwait(false);
        return outcome.Result;
    }

    private static bool Names(AuditRecord r, string subject) =>
        string.Equals(r.Actor, subject, StringComparison.Ordinal) ||
        string.Equals(r.Resource, "user/" + subject, StringComparison.Ordinal) ||
        string.Equals(r.Properties.GetValueOrDefault("subject"), subject, StringComparison.Ordinal);

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

    private static partial class Log
    {
        [LoggerMessage(EventId = 6501, Level = LogLevel.Warning, Message = "Data-subject request {RequestId} ({Kind}) failed: {Error}; recorded as failed in the audit trail.")]
        public static partial void RequestFailed(ILogger logger, Exception exception, string requestId, string kind, string error);

        [LoggerMessage(EventId = 6502, Level = LogLevel.Error, Message = "Data-subject request {RequestId} ({Kind}) failed and its completion could not be recorded; the trail shows it received but not completed.")]
        public static partial void CompletionNotRecorded(ILogger logger, Exception exception, string requestId, string kind);
    }

    private enum Reveal
    {
        None,
        OwnRecords,
        All,
    }
}
