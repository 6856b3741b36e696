using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TradingRl.Security.Auth;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Authorization;
using TradingRl.Security.Compliance;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Encryption;
using TradingRl.Security.Events;
using TradingRl.Security.Incidents;
using TradingRl.Security.Sample.Dashboard;
using TradingRl.Security.Sample.Security;
using TradingRl.Security.Sample.Input;
using TradingRl.Security.Sample.Replay;

namespace TradingRl.Security.Sample;

/// <summary>Runs the sample: reads and validates the input, replays it through the security suite, prints and writes the summary.</summary>
public static class SampleRunner
{
    /// <summary>Exit code of a run that completed.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 1;

    /// <summary>Exit code of a malformed input file.</summary>
    public const int InputError = 2;

    /// <summary>Exit code of a file-system failure.</summary>
    public const int IoError = 3;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs the sample and returns its exit code; errors go to <paramref name="stderr"/> with the file, line and cause.</summary>
    public static async Task<int> RunAsync(SampleOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var summary = await ExecuteAsync(options, stderr, cancellationToken).ConfigureAwait(false);
            PrintSummary(summary, stdout);
            return Success;
        }
        catch (InputFormatException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}. Nothing was replayed or written.").ConfigureAwait(false);
            return InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return IoError;
        }
    }

    /// <summary>Replays the input and returns the summary, which is also written to <c>summary.json</c> in the output directory.</summary>
    /// <exception cref="InputFormatException">A row of the input is malformed; nothing was replayed or written.</exception>
    public static async Task<SampleSummary> ExecuteAsync(SampleOptions options, TextWriter progressWriter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();

        // Read and validate the whole input first, so a malformed row stops the run before anything happens.
        IReadOnlyList<Quote>? quotes = null;
        IReadOnlyList<LobsterMessage>? messages = null;
        if (options.OrdersPath is { } ordersPath)
        {
            messages = LobsterFile.Read(ordersPath);
        }
        else
        {
            quotes = QuoteFile.Read(options.QuotesPath);
        }

        Directory.CreateDirectory(options.DataDirectory);
        Directory.CreateDirectory(options.OutputDirectory);

        var start = messages is not null ? messages[0].Time : quotes![0].Time;
        var clock = new ReplayClock(start);
        var isNasdaq = messages is not null;
        var instrument = isNasdaq ? "AAPL" : "USD/JPY";
        var currency = isNasdaq ? "USD" : "JPY";
        var deskName = isNasdaq ? "equities" : "fx";
        var audit = Path.Combine(options.DataDirectory, "audit");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<EventCountingSubscriber>();
        builder.Services.AddSingleton<TradingDesk>();
        builder.Services.AddSingleton<IOrderCancellationHandler, SampleCancellationHandler>();
        builder.Services.Configure<SurveillanceOptions>(o =>
        {
            // Each agent's order flow is watched for quote stuffing: more than 50 order messages in one second.
            o.MaxMessagesPerWindow = 50;
            o.AlertOnAnonymousFlow = true;
        });
        builder.Services.AddTradingSecurity(security => security
            .AddEncryption(o =>
            {
                o.KeyRingDirectory = Path.Combine(options.DataDirectory, "keys");
                o.CreateIfMissing = true;
            })
            .AddAuth(o =>
            {
                o.Issuer = "tradingrl-sample";
                o.Audience = "sample-desk";

                // The package's allowed minimum (OWASP: 19 MiB, 2 passes) instead of 64 MiB x 3, to keep the sample quick.
                o.PasswordHashing.MemoryKiB = PasswordHashingOptions.MinimumMemoryKiB;
                o.PasswordHashing.Iterations = 2;
            })
            .AddAuthorization(o => o.UseTradingRoles())
            .AddCompliance(o =>
            {
                o.Limits.MaxOrdersPerWindow = 100;
                o.Limits.MaxOpenOrders = 1_000;
                o.Reporting.Directory = Path.Combine(options.OutputDirectory, "trade-reports");
            })
            .AddAuditTrail(o =>
            {
                o.Directory = audit;
                o.Durability = AuditDurability.OperatingSystem;
            })
            .AddEvidence()
            .AddIncidents(o =>
            {
                o.ContainAutomatically(DefaultDetectionRules.FailedLoginBurst, ContainmentAction.LockAccount);
                o.DataDirectory = Path.Combine(options.DataDirectory, "incidents");
            })
            .Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventSubscriber, EventCountingSubscriber>(
                static sp => sp.GetRequiredService<EventCountingSubscriber>())));

        // The previous run's checkpoint (if any), read before this run appends, to prove the log only grew.
        var latest = Path.Combine(audit, "latest.checkpoint");
        var previousCheckpoint = File.Exists(latest) ? SignedCheckpoint.Parse(await File.ReadAllTextAsync(latest, cancellationToken).ConfigureAwait(false)) : null;

        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        var sp = host.Services;
        var snapshotPath = Path.Combine(options.DataDirectory, "snapshots", "positions-pnl.enc");
        var previousSnapshot = await SecuritySuite.ReadSnapshotAsync(sp, snapshotPath, cancellationToken).ConfigureAwait(false);

        var desk = sp.GetRequiredService<TradingDesk>();
        var timeline = new RunTimeline(clock);
        var suite = new SecuritySuite(sp, clock, instrument, currency, deskName, timeline);
        var accountNames = Enumerable.Range(1, options.Accounts).Select(i => $"agent-{i}").ToArray();
        var referencePrice = isNasdaq ? messages![0].Price : quotes![0].Mid;
        await suite.ProvisionAndSignInAsync(accountNames, referencePrice, cancellationToken).ConfigureAwait(false);
        if (isNasdaq)
        {
            suite.OnMarketData(null, null, referencePrice);
        }
        else
        {
            suite.OnMarketData(quotes![0].Bid, quotes[0].Ask, null);
        }

        suite.ScriptedLoss(referencePrice, isNasdaq ? 0.01m : 0.001m);
        suite.RecordPnl();
        desk.Controls = suite;

        // The brute force opened an incident. The on-call operator acknowledges what is open 5 minutes (market time) after
        // it opened, once the first escalation has gone out, while the replay goes on.
        var pipeline = sp.GetRequiredService<SecurityEventPipeline>();
        var incidents = sp.GetRequiredService<IncidentManager>();
        var responseTargets = sp.GetRequiredService<IOptions<IncidentsOptions>>().Value.ResponseTargets;
        await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);
        await incidents.FlushAsync(cancellationToken).ConfigureAwait(false);
        var early = await incidents.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var acknowledgeAt = early.Count > 0 ? early.Max(i => i.OpenedAt) + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1) : DateTimeOffset.MaxValue;
        async Task AcknowledgeDueAsync()
        {
            if (clock.GetUtcNow() < acknowledgeAt)
            {
                return;
            }

            acknowledgeAt = DateTimeOffset.MaxValue;
            await incidents.EscalateDueAsync(cancellationToken).ConfigureAwait(false);
            foreach (var incident in early)
            {
                var acknowledged = await incidents.AcknowledgeAsync(incident.Id, "ops-dana", "on-call: looking at the failed-login burst", cancellationToken).ConfigureAwait(false);
                timeline.RecordIncident(new IncidentPoint(incident.Id, acknowledged.Title, acknowledged.Severity.ToString(), acknowledged.TimeToAcknowledge ?? TimeSpan.Zero, responseTargets.For(acknowledged.Severity)));
            }
        }

        var interactive = options.Progress && !Console.IsErrorRedirected;
        long rows;
        if (messages is not null)
        {
            rows = messages.Count;
            var replay = new LobsterReplay(desk, options.Accounts);
            var progress = options.Progress ? new ProgressBar(progressWriter, rows, "Replaying NASDAQ order events", interactive) : null;
            var last = referencePrice;
            for (var i = 0; i < messages.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.AdvanceTo(messages[i].Time);
                if (messages[i].EventType is 4 or 5)
                {
                    last = messages[i].Price;
                }

                // The reference price is the last trade, re-stamped by each row of the order flow.
                suite.OnMarketData(null, null, last);
                replay.OnMessage(messages[i]);
                await AcknowledgeDueAsync().ConfigureAwait(false);
                await suite.ReportFillsAsync(cancellationToken).ConfigureAwait(false);
                if ((i & 1023) == 0 || i == messages.Count - 1)
                {
                    progress?.Report(i + 1);
                }
            }
        }
        else
        {
            rows = quotes!.Count;
            var agent = new QuoteAgent(desk, accountNames, options.Seed);
            var progress = options.Progress ? new ProgressBar(progressWriter, rows, "Replaying USD/JPY quotes", interactive) : null;
            for (var i = 0; i < quotes.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.AdvanceTo(quotes[i].Time);
                suite.OnMarketData(quotes[i].Bid, quotes[i].Ask, null);
                agent.OnQuote(quotes[i]);
                await AcknowledgeDueAsync().ConfigureAwait(false);
                await suite.ReportFillsAsync(cancellationToken).ConfigureAwait(false);
                progress?.Report(i + 1);
            }
        }

        suite.RecordPnl();
        await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);

        // Incidents: those still unacknowledged (a short input, or opened during the replay) escalate for 5 minutes of
        // market time before the operator acknowledges them; then each one is worked to closed and reported.
        await incidents.FlushAsync(cancellationToken).ConfigureAwait(false);
        var open = await incidents.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (open.Any(i => i.AcknowledgedAt is null))
        {
            clock.AdvanceTo(open.Where(i => i.AcknowledgedAt is null).Max(i => i.OpenedAt) + TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
            await incidents.EscalateDueAsync(cancellationToken).ConfigureAwait(false);
        }

        var incidentLines = new List<string>();
        await WorkIncidentsAsync(open).ConfigureAwait(false);

        // Encryption: the positions and P&L snapshot, sealed at rest and read back.
        var snapshot = suite.TakeSnapshot(Path.GetFileName(options.OrdersPath ?? options.QuotesPath));
        await SecuritySuite.WriteSnapshotAsync(sp, snapshotPath, snapshot, cancellationToken).ConfigureAwait(false);
        var readBack = await SecuritySuite.ReadSnapshotAsync(sp, snapshotPath, cancellationToken).ConfigureAwait(false);
        var roundTrip = readBack is not null && readBack.Accounts.SequenceEqual(snapshot.Accounts);

        // Compliance report and trade reports.
        var day = DateOnly.FromDateTime(start.UtcDateTime);
        await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);
        var reportFiles = await sp.GetRequiredService<ComplianceReportGenerator>().WriteAsync(day, options.OutputDirectory, cancellationToken).ConfigureAwait(false);

        // Writing the report raises the default compliance-report-generated incident (low): it is worked and reported too.
        await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);
        await incidents.FlushAsync(cancellationToken).ConfigureAwait(false);
        await WorkIncidentsAsync([.. (await incidents.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Where(i => i.Status != IncidentStatus.Closed)]).ConfigureAwait(false);

        // Control evidence: the section 9 scorecard of the run's market-time period, and the evidence pack of that period bound to a signed checkpoint.
        await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);
        var trail = sp.GetRequiredService<AuditTrail>();
        var evidence = await EvidenceOutput.WriteAsync(sp, trail, start, clock.GetUtcNow().AddTicks(1), options.OutputDirectory, cancellationToken).ConfigureAwait(false);

        // Audit trail: everything recorded, a checkpoint signed and exported, the log verified, one inclusion proof.
        var checkpoint = await trail.CheckpointAsync(cancellationToken).ConfigureAwait(false);
        await WriteAtomicallyAsync(Path.Combine(options.OutputDirectory, "audit-checkpoint.txt"), checkpoint.ToNote(), cancellationToken).ConfigureAwait(false);
        var verification = await trail.VerifyAsync(previousCheckpoint is null ? [checkpoint] : [previousCheckpoint, checkpoint], cancellationToken).ConfigureAwait(false);
        var inclusion = trail.GetInclusionProof(suite.DeniedOrderSequence, checkpoint.TreeSize);
        await WriteAtomicallyAsync(Path.Combine(options.OutputDirectory, "audit-inclusion-proof.txt"), inclusion.ToString(), cancellationToken).ConfigureAwait(false);
        bool? consistent = null;
        if (previousCheckpoint is not null)
        {
            consistent = previousCheckpoint.TreeSize == checkpoint.TreeSize
                || trail.GetConsistencyProof(previousCheckpoint.TreeSize, checkpoint.TreeSize).Verify();
        }

        await host.StopAsync(cancellationToken).ConfigureAwait(false);

        var stats = pipeline.GetStatistics();
        var gate = suite.GateStatistics;
        var surveillance = suite.SurveillanceStatistics;
        var counts = sp.GetRequiredService<EventCountingSubscriber>().ByType;
        var summary = new SampleSummary
        {
            Input = Path.GetFileName(options.OrdersPath ?? options.QuotesPath),
            Rows = rows,
            Accounts = options.Accounts,
            Orders = desk.OrdersSubmitted,
            OrdersRefused = desk.OrdersRefused,
            Cancels = desk.Cancels,
            Fills = desk.Fills,
            OpenOrders = desk.OpenOrders,
            UsersProvisioned = suite.UsersProvisioned,
            SignIns = suite.SignIns,
            AuthorizationDenials = suite.AuthorizationDenials,
            GateChecked = gate.OrdersChecked,
            GateAllowed = gate.OrdersAllowed,
            GateDenied = gate.OrdersDenied,
            GateDenialsByReason = new SortedDictionary<string, long>(gate.DenialsByReason.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), StringComparer.Ordinal),
            GateFills = gate.FillsRecorded,
            DailyLossBreaches = gate.DailyLossBreaches,
            SurveillanceAlerts = new SortedDictionary<string, long>(surveillance.AlertsByReason.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value), StringComparer.Ordinal),
            TradeReports = suite.TradeReports,
            LateTradeReports = suite.LateTradeReports,
            ComplianceReport = Path.GetFileName(reportFiles.JsonPath),
            Scorecard = evidence.Lines,
            ScorecardPassed = evidence.Scorecard.Passed,
            ScorecardFailed = evidence.Scorecard.Failed,
            ScorecardNotMeasured = evidence.Scorecard.NotMeasured,
            ScorecardRecords = evidence.Scorecard.RecordCount,
            EvidencePack = evidence.PackFolder,
            EvidencePackFiles = evidence.Manifest.Files.Count,
            EvidencePackVerified = evidence.Verification.IsValid,
            Incidents = incidentLines,
            AuditRecords = checkpoint.TreeSize,
            AuditPreviousRecords = previousCheckpoint?.TreeSize,
            AuditVerified = verification.IsValid,
            AuditVerification = verification.Message,
            AuditConsistentWithPrevious = consistent,
            AuditInclusionProofVerified = inclusion.Verify(),
            DeniedOrderAuditSequence = suite.DeniedOrderSequence,
            SnapshotRoundTrip = roundTrip,
            PreviousSnapshotRead = previousSnapshot is not null,
            PreviousSnapshotTakenAt = previousSnapshot?.TakenAt,
            EventsPublished = stats.Published,
            EventsByType = new SortedDictionary<string, long>(counts.ToDictionary(), StringComparer.Ordinal),
            EventsDeadLettered = stats.Subscribers.Sum(s => s.DeadLettered),
            ElapsedSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
            Dashboard = Path.GetFullPath(Path.Combine(options.OutputDirectory, DashboardWriter.FileName)),
        };

        await DashboardWriter.WriteAsync(options.OutputDirectory, summary, timeline, currency, cancellationToken).ConfigureAwait(false);

        await WriteAtomicallyAsync(Path.Combine(options.OutputDirectory, "summary.json"), JsonSerializer.Serialize(summary, Json), cancellationToken).ConfigureAwait(false);
        return summary;

        // The operator works each incident through its life cycle to closed, and its report is written.
        async Task WorkIncidentsAsync(IReadOnlyList<Incident> toWork)
        {
            foreach (var opened in toWork)
            {
                var id = opened.Id;
                var escalated = (await incidents.GetAsync(id, cancellationToken).ConfigureAwait(false)).EscalationLevel;
                if (opened.AcknowledgedAt is null)
                {
                    var acknowledged = await incidents.AcknowledgeAsync(id, "ops-dana", cancellationToken: cancellationToken).ConfigureAwait(false);
                    timeline.RecordIncident(new IncidentPoint(id, acknowledged.Title, acknowledged.Severity.ToString(), acknowledged.TimeToAcknowledge ?? TimeSpan.Zero, responseTargets.For(acknowledged.Severity)));
                }

                var accountCompromise = opened.DedupKey.StartsWith(DefaultDetectionRules.AccountCompromiseGroup + ":", StringComparison.Ordinal);
                await incidents.TransitionAsync(id, IncidentStatus.Contained, "ops-dana", accountCompromise ? "account locked by automatic containment" : "reviewed: no further action needed to contain", cancellationToken).ConfigureAwait(false);
                await incidents.TransitionAsync(id, IncidentStatus.Eradicated, "ops-dana", accountCompromise ? "password reset issued" : "cause reviewed", cancellationToken).ConfigureAwait(false);
                await incidents.TransitionAsync(id, IncidentStatus.Recovered, "ops-dana", cancellationToken: cancellationToken).ConfigureAwait(false);
                await incidents.ResolveAsync(id, "ops-dana", accountCompromise ? "the source address is blocked; the account is unlocked after the reset" : "reviewed by the on-call operator", cancellationToken).ConfigureAwait(false);
                var closed = await incidents.CloseAsync(id, "ops-dana", IncidentClassification.TruePositive, accountCompromise ? "alert on the first burst, not the sixth failure" : "none", cancellationToken).ConfigureAwait(false);
                var report = await incidents.CreateReportAsync(id, cancellationToken).ConfigureAwait(false);
                await IncidentReportWriter.WriteAsync(report, Path.Combine(options.OutputDirectory, "incidents"), cancellationToken).ConfigureAwait(false);
                incidentLines.Add($"{id} {closed.Severity} \"{closed.Title}\": escalation level {escalated}, {closed.Status}");
            }
        }
    }

    private static void PrintSummary(SampleSummary s, TextWriter w)
    {
        static string Pairs(IReadOnlyDictionary<string, long> d) => d.Count == 0 ? "none" : string.Join(", ", d.Select(kv => $"{kv.Key} {kv.Value:N0}"));
        w.WriteLine();
        w.WriteLine($"TradingRl.Security sample: {s.Input}, {s.Rows:N0} rows, {s.Accounts} agent accounts");
        w.WriteLine($"  users      {s.UsersProvisioned,12:N0} provisioned (Argon2id at the package minimum, 19 MiB x 2, + TOTP)");
        w.WriteLine($"  sign-ins   {Pairs(s.SignIns)}");
        w.WriteLine($"  authz      denied: {Pairs(s.AuthorizationDenials)}");
        w.WriteLine($"  orders     {s.Orders,12:N0} sent by agents, {s.OrdersRefused:N0} refused before the market");
        w.WriteLine($"  gate       {s.GateChecked,12:N0} checked, {s.GateAllowed:N0} allowed, {s.GateDenied:N0} denied; daily-loss breaches {s.DailyLossBreaches:N0}");
        foreach (var (reason, count) in s.GateDenialsByReason)
        {
            w.WriteLine($"    {reason,-36} {count,12:N0}");
        }

        w.WriteLine($"  cancels    {s.Cancels,12:N0}");
        w.WriteLine($"  fills      {s.Fills,12:N0} ({s.GateFills:N0} recorded by the gate)");
        w.WriteLine($"  resting    {s.OpenOrders,12:N0}");
        w.WriteLine($"  trade rpts {s.TradeReports,12:N0} ({s.LateTradeReports:N0} late)");
        w.WriteLine($"  surveil.   alerts: {Pairs(s.SurveillanceAlerts)}");
        w.WriteLine($"  compliance {s.ComplianceReport}");
        w.WriteLine($"  evidence   {s.EvidencePack}: {s.EvidencePackFiles} files, verified {s.EvidencePackVerified}");
        w.WriteLine($"  incidents  {s.Incidents.Count,12:N0}");
        foreach (var line in s.Incidents)
        {
            w.WriteLine($"    {line}");
        }

        w.WriteLine($"  audit      {s.AuditRecords,12:N0} records (previous run: {(s.AuditPreviousRecords is { } p ? p.ToString("N0", CultureInfo.CurrentCulture) : "none")}); verified {s.AuditVerified}; {s.AuditVerification}");
        w.WriteLine($"             consistent with the previous checkpoint: {(s.AuditConsistentWithPrevious is { } c ? c.ToString() : "n/a (first run)")}; inclusion proof of denied order #{s.DeniedOrderAuditSequence} verified {s.AuditInclusionProofVerified}");
        w.WriteLine($"  snapshot   encrypted round trip {s.SnapshotRoundTrip}; previous run's snapshot read: {(s.PreviousSnapshotTakenAt is { } t ? t.ToString("u", CultureInfo.InvariantCulture) : "none")}");
        w.WriteLine($"  events     {s.EventsPublished,12:N0} published, {s.EventsDeadLettered:N0} dead-lettered");
        foreach (var (type, count) in s.EventsByType)
        {
            w.WriteLine($"    {type,-36} {count,12:N0}");
        }

        w.WriteLine($"  scorecard  {s.ScorecardPassed} pass, {s.ScorecardFailed} fail, {s.ScorecardNotMeasured} not measured over {s.ScorecardRecords:N0} audit records (scorecard.md, scorecard.json)");
        foreach (var line in s.Scorecard)
        {
            w.WriteLine($"    {line}");
        }

        w.WriteLine($"  elapsed    {s.ElapsedSeconds,12:N3} s");
        w.WriteLine($"  dashboard  {s.Dashboard}");
    }

    /// <summary>Writes a file so that readers see the old content or the new, never a half-written one.</summary>
    internal static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
