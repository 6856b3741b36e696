using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Compliance.Evidence;

namespace TradingRl.Security.Sample.Security;

/// <summary>The run's control evidence: the section 9 scorecard (written as <c>scorecard.md</c> and <c>scorecard.json</c>) and a verified evidence pack.</summary>
internal static class EvidenceOutput
{
    public static async Task<Result> WriteAsync(IServiceProvider services, AuditTrail trail, DateTimeOffset from, DateTimeOffset to, string outputDirectory, CancellationToken cancellationToken)
    {
        var scorecard = await services.GetRequiredService<ScorecardCalculator>().ComputeAsync(from, to, cancellationToken).ConfigureAwait(false);
        await SampleRunner.WriteAtomicallyAsync(Path.Combine(outputDirectory, "scorecard.md"), ScorecardMarkdownWriter.ToMarkdown(scorecard), cancellationToken).ConfigureAwait(false);
        await SampleRunner.WriteAtomicallyAsync(Path.Combine(outputDirectory, "scorecard.json"), ScorecardJsonWriter.ToJson(scorecard), cancellationToken).ConfigureAwait(false);

        // One pack per run: named by the log size before it, so a second run on the same DATA writes a new pack. OUT is the sample's own
        // folder, so a pack left there by a run on another DATA folder is replaced.
        var folder = "evidence-pack-" + trail.Count.ToString(CultureInfo.InvariantCulture);
        var pack = Path.Combine(outputDirectory, folder);
        if (Directory.Exists(pack))
        {
            Directory.Delete(pack, recursive: true);
        }

        var manifest = await services.GetRequiredService<EvidencePackWriter>().WriteAsync(from, to, pack, cancellationToken).ConfigureAwait(false);
        var verification = await EvidencePackVerifier.VerifyAsync(pack, trail.PublicKey, trail, cancellationToken).ConfigureAwait(false);
        var lines = scorecard.Metrics.Select(m =>
            $"{m.Id,-44} {Status(m.Status),-12} {(m.Value is { } v ? m.Target.Format(v) : "-"),10}  target {m.Target}").ToList();
        return new Result(scorecard, lines, folder, manifest, verification);
    }

    private static string Status(ScorecardStatus status) => status switch
    {
        ScorecardStatus.Pass => "pass",
        ScorecardStatus.Fail => "FAIL",
        _ => "not measured",
    };

    public sealed record Result(ComplianceScorecard Scorecard, IReadOnlyList<string> Lines, string PackFolder, EvidencePackManifest Manifest, EvidencePackVerification Verification);
}
