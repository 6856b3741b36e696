using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Compliance.Evidence;
using TradingRl.Security.Events;

namespace TradingRl.Security.Cli;

/// <summary>The <c>trsec audit ...</c> commands.</summary>
internal static class AuditCommands
{
    public const string Usage = """
        trsec - TradingRl.Security command-line tool

        Usage:
          trsec audit verify DIR [--key VERIFIER-KEY|FILE] [--trusted CHECKPOINT-FILE]...
              Re-hashes every stored record, checks dense sequence numbers, every signed commit and every
              saved checkpoint, and names the first bad record. --trusted adds checkpoints kept elsewhere
              (a witness's copy): they detect a rewrite even when every hash was recomputed and re-signed.
              --key pins the log's public key instead of trusting DIR/signing.vkey.
          trsec audit proof DIR SEQ [--size N]
              Prints record SEQ, its leaf hash and the audit path proving it is in the log at size N
              (default: the last signed commit), and checks the proof.
          trsec audit checkpoint DIR [--latest]
              Signs a checkpoint over the whole log now and prints it (needs the log not to be open by a
              running host). --latest prints the newest saved checkpoint instead, without signing.
          trsec audit scorecard DIR [--from TIME] [--to TIME] [--json] [--out FILE]
              Computes the security and compliance scorecard (the framework's section 9 metrics) of the records
              recorded from TIME (inclusive, default the log's beginning) to TIME (exclusive, default now), each
              metric with its target, value, status and the query that produced it; Markdown, or JSON with --json.
              TIME is ISO 8601 with an offset (e.g. 2026-12-03T00:00:00Z). Needs the log not to be open.

        DIR is the audit directory (e.g. DATA/audit); a directory holding an audit/ folder is accepted too.

        Exit codes: 0 ok, 1 verification failed (tampering), 2 usage error, 3 no log or unreadable,
                    4 key missing or unsafe, 5 log in use by another process, 6 unsigned records after
                    the last commit (crash remnant or forgery), 7 the scorecard has a failing metric.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help" || (args.Length >= 2 && args[1] is "-h" or "--help"))
        {
            stdout.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }

        if (args[0] != "audit" || args.Length < 3)
        {
            stderr.WriteLine("error: expected 'trsec audit verify|proof|checkpoint|scorecard DIR ...'. Run 'trsec --help'.");
            return ExitCodes.Usage;
        }

        var dir = ResolveDirectory(args[2]);
        try
        {
            return args[1] switch
            {
                "verify" => await VerifyAsync(dir, args[3..], stdout, stderr).ConfigureAwait(false),
                "proof" => await ProofAsync(dir, args[3..], stdout, stderr).ConfigureAwait(false),
                "checkpoint" => await CheckpointAsync(dir, args[3..], stdout, stderr).ConfigureAwait(false),
                "scorecard" => await ScorecardAsync(dir, args[3..], stdout, stderr).ConfigureAwait(false),
                "_append-loop" => await AppendLoopAsync(dir, stdout).ConfigureAwait(false),
                _ => UsageError(stderr, $"unknown audit command '{args[1]}'."),
            };
        }
        catch (AuditSigningKeyException ex)
        {
            stderr.WriteLine($"KEY PROBLEM: {ex.Message}");
            return ExitCodes.KeyProblem;
        }
        catch (AuditLogTamperedException ex)
        {
            stderr.WriteLine($"TAMPERED: {ex.Message}");
            return ExitCodes.Tampered;
        }
        catch (AuditStoreException ex) when (ex.Message.Contains("in use", StringComparison.Ordinal))
        {
            stderr.WriteLine($"IN USE: {ex.Message}");
            return ExitCodes.InUse;
        }
        catch (Exception ex) when (ex is AuditStoreException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"CANNOT READ: {ex.Message}");
            return ExitCodes.NotFound;
        }
    }

    private static string ResolveDirectory(string dir) =>
        !Directory.Exists(Path.Combine(dir, "segments")) && Directory.Exists(Path.Combine(dir, "audit", "segments")) ? Path.Combine(dir, "audit") : dir;

    private static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message} Run 'trsec --help'.");
        return ExitCodes.Usage;
    }

    private static bool CheckLog(string dir, TextWriter stderr)
    {
        if (FileAuditStore.LogExists(dir))
        {
            return true;
        }

        stderr.WriteLine($"NO LOG: '{dir}' holds no audit log (no segments/ or pruned/ files).");
        return false;
    }

    private static async Task<int> VerifyAsync(string dir, string[] options, TextWriter stdout, TextWriter stderr)
    {
        string? key = null;
        var trusted = new List<SignedCheckpoint>();
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--key" when i + 1 < options.Length:
                    var k = options[++i];
                    key = File.Exists(k) ? await File.ReadAllTextAsync(k).ConfigureAwait(false) : k;
                    break;
                case "--trusted" when i + 1 < options.Length:
                    var path = options[++i];
                    try
                    {
                        trusted.Add(SignedCheckpoint.Parse(await File.ReadAllTextAsync(path).ConfigureAwait(false)));
                    }
                    catch (FormatException ex)
                    {
                        return UsageError(stderr, $"the trusted checkpoint '{path}' is not a checkpoint note: {ex.Message}");
                    }

                    break;
                default:
                    return UsageError(stderr, $"unknown option '{options[i]}'.");
            }
        }

        if (!CheckLog(dir, stderr))
        {
            return ExitCodes.NotFound;
        }

        if (key is null)
        {
            stdout.WriteLine($"note: trusting the public key stored in {Path.Combine(dir, "signing.vkey")}; pass --key or --trusted to pin it.");
        }

        var result = await AuditLogVerifier.VerifyDirectoryAsync(dir, key, trusted).ConfigureAwait(false);
        stdout.WriteLine($"log: {Path.GetFullPath(dir)}");
        stdout.WriteLine($"records verified: {result.RecordCount} (pruned by retention, hash only: {result.PrunedRecords})");
        stdout.WriteLine($"signed commits verified: {result.CommitsVerified}; checkpoints verified: {result.CheckpointsVerified}");
        stdout.WriteLine($"root hash: {Convert.ToHexStringLower(result.RootHash.Span)}");
        switch (result.Status)
        {
            case AuditVerificationStatus.Valid:
                stdout.WriteLine($"VERIFIED: {result.Message}");
                return ExitCodes.Ok;
            case AuditVerificationStatus.UncommittedTail:
                stdout.WriteLine($"WARNING: {result.Message}");
                return ExitCodes.UncommittedTail;
            default:
                var first = result.FirstBadSequence is { } f ? $" First bad record: #{f}." : string.Empty;
                stdout.WriteLine($"FAILED ({result.Status}): {result.Message}{first}");
                return ExitCodes.Tampered;
        }
    }

    private static async Task<int> ProofAsync(string dir, string[] options, TextWriter stdout, TextWriter stderr)
    {
        if (options.Length == 0 || !long.TryParse(options[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            return UsageError(stderr, "'proof' needs a record sequence number (a non-negative integer).");
        }

        long? size = null;
        if (options.Length == 3 && options[1] == "--size" && long.TryParse(options[2], NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            size = s;
        }
        else if (options.Length != 1)
        {
            return UsageError(stderr, "'proof' takes SEQ and optionally --size N.");
        }

        if (!CheckLog(dir, stderr))
        {
            return ExitCodes.NotFound;
        }

        await using var store = new FileAuditStore(dir);
        InclusionProof proof;
        try
        {
            proof = await AuditLogVerifier.ProveInclusionAsync(store, seq, size).ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            stderr.WriteLine($"NO SUCH RECORD: {ex.Message.Split(Environment.NewLine)[0]}");
            return ExitCodes.Usage;
        }

        SignedCheckpoint? commit = null;
        AuditRecord? record = null;
        await foreach (var e in store.ReadAsync(seq).ConfigureAwait(false))
        {
            if (e.Commit is null && e.Sequence == seq && !e.IsPruned)
            {
                record = AuditRecord.Parse(e.Data.Span);
            }

            if (e.Commit is { } c && c.TreeSize == proof.TreeSize)
            {
                commit = c;
                break;
            }
        }

        stdout.WriteLine(record is null ? $"record #{seq}: data removed by retention (hash kept)" : Describe(record));
        stdout.Write(proof.ToString());
        stdout.WriteLine($"proof checks: {(proof.Verify() ? "yes" : "NO")}");
        if (commit is not null)
        {
            var matches = commit.RootHash.Span.SequenceEqual(proof.RootHash.Span);
            stdout.WriteLine($"signed tree head at size {proof.TreeSize} ({(matches ? "root matches" : "ROOT DIFFERS")}):");
            stdout.Write(commit.ToNote());
            return proof.Verify() && matches ? ExitCodes.Ok : ExitCodes.Tampered;
        }

        stdout.WriteLine($"note: no group commit ends exactly at size {proof.TreeSize}; compare the root with a checkpoint of that size.");
        return proof.Verify() ? ExitCodes.Ok : ExitCodes.Tampered;
    }

    private static async Task<int> CheckpointAsync(string dir, string[] options, TextWriter stdout, TextWriter stderr)
    {
        if (options is ["--latest"])
        {
            var latest = Path.Combine(dir, "latest.checkpoint");
            if (!File.Exists(latest))
            {
                stderr.WriteLine($"NO CHECKPOINT: '{latest}' does not exist.");
                return ExitCodes.NotFound;
            }

            stdout.Write(SignedCheckpoint.Parse(await File.ReadAllTextAsync(latest).ConfigureAwait(false)).ToNote());
            return ExitCodes.Ok;
        }

        if (options.Length != 0)
        {
            return UsageError(stderr, "'checkpoint' takes only --latest.");
        }

        if (!CheckLog(dir, stderr))
        {
            return ExitCodes.NotFound;
        }

        await using var trail = OpenTrail(dir);
        var checkpoint = await trail.CheckpointAsync().ConfigureAwait(false);
        stdout.Write(checkpoint.ToNote());
        stdout.WriteLine($"# verifier key: {trail.VerifierKey}");
        return ExitCodes.Ok;
    }

    private static async Task<int> ScorecardAsync(string dir, string[] options, TextWriter stdout, TextWriter stderr)
    {
        var from = DateTimeOffset.UnixEpoch;
        var to = TimeProvider.System.GetUtcNow();
        var json = false;
        string? output = null;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--from" when i + 1 < options.Length && TryParseTime(options[++i], out var f):
                    from = f;
                    break;
                case "--to" when i + 1 < options.Length && TryParseTime(options[++i], out var t):
                    to = t;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--out" when i + 1 < options.Length && options[i + 1].Length > 0:
                    output = options[++i];
                    break;
                default:
                    return UsageError(stderr, "'scorecard' takes --from TIME, --to TIME (ISO 8601 with an offset), --json and --out FILE.");
            }
        }

        if (to <= from)
        {
            return UsageError(stderr, "'scorecard' needs --to after --from.");
        }

        if (!CheckLog(dir, stderr))
        {
            return ExitCodes.NotFound;
        }

        await using var trail = OpenTrail(dir);
        using var calculator = new ScorecardCalculator(trail, Options.Create(new EvidenceOptions()));
        ComplianceScorecard scorecard;
        try
        {
            scorecard = await calculator.ComputeAsync(from, to).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            stderr.WriteLine($"TOO LARGE: {ex.Message}");
            return ExitCodes.Usage;
        }

        var text = json ? ScorecardJsonWriter.ToJson(scorecard) : ScorecardMarkdownWriter.ToMarkdown(scorecard);
        if (output is null)
        {
            stdout.Write(text);
        }
        else
        {
            await File.WriteAllTextAsync(output, text, new UTF8Encoding(false)).ConfigureAwait(false);
            stdout.WriteLine($"scorecard written to {output}");
        }

        // JSON on stdout stays one document (`| jq`): the summary line then goes to stderr.
        (json && output is null ? stderr : stdout).WriteLine($"{scorecard.Passed} pass, {scorecard.Failed} fail, {scorecard.NotMeasured} not measured ({scorecard.RecordCount} records).");
        return scorecard.Failed == 0 ? ExitCodes.Ok : ExitCodes.MetricsFailed;
    }

    private static bool TryParseTime(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);

    // Hidden: the crash test's child. Appends from four writers until killed and prints each acknowledged sequence number.
    private static async Task<int> AppendLoopAsync(string dir, TextWriter stdout)
    {
        await using var trail = OpenTrail(dir);
        await trail.OpenAsync().ConfigureAwait(false);
        stdout.WriteLine($"open {trail.Count}");
        stdout.Flush();
        var gate = new object();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var e = new SecurityEvent("compliance.order.checked", SecuritySeverity.Info, TimeProvider.System.GetUtcNow())
                {
                    Actor = $"crash-writer-{w}",
                    Resource = $"order/{i}",
                };
                var r = await trail.AppendAsync(e).ConfigureAwait(false);
                lock (gate)
                {
                    stdout.WriteLine($"ack {r.Sequence}");
                    stdout.Flush();
                }
            }
        })).ToArray();
        await Task.WhenAll(writers).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static AuditTrail OpenTrail(string dir)
    {
        var options = new AuditTrailOptions { Directory = dir, CheckpointInterval = TimeSpan.Zero };
        return new AuditTrail(new FileAuditStore(dir), Options.Create(options));
    }

    private static string Describe(AuditRecord r)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"record #{r.Sequence} recorded {r.RecordedAt:O}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  type {r.Type}, outcome {r.Outcome}, severity {r.Severity}, origin {r.Origin}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  actor {r.Actor ?? "-"}, resource {r.Resource ?? "-"}, correlation {r.CorrelationId ?? "-"}, event {r.EventId}\n");
        foreach (var (k, v) in r.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {k} = {v}\n");
        }

        foreach (var k in r.ProtectedProperties.Keys.Order(StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {k} = (encrypted)\n");
        }

        return sb.ToString().TrimEnd('\n');
    }
}
