using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using static TradingRl.Security.Incidents.Tests.TestData;

namespace TradingRl.Security.Incidents.Tests;

public sealed class IncidentReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "incident-reports-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static async Task<IncidentReport> ClosedIncidentReportAsync()
    {
        var time = new FakeTimeProvider(T0);
        await using var manager = Manager(time, o => o.ContainAutomatically(DefaultDetectionRules.FailedLoginBurst, ContainmentAction.LockAccount), accounts: new FakeAccountContainment());
        var id = (await manager.RaiseAsync(Alert())).Id;
        time.Advance(TimeSpan.FromMinutes(4));
        await manager.AcknowledgeAsync(id, "dana");
        await manager.TransitionAsync(id, IncidentStatus.Contained, "dana", "locked | revoked");
        await manager.TransitionAsync(id, IncidentStatus.Eradicated, "dana");
        await manager.TransitionAsync(id, IncidentStatus.Recovered, "dana");
        time.Advance(TimeSpan.FromMinutes(26));
        await manager.ResolveAsync(id, "dana", "Source blocked.");
        await manager.CloseAsync(id, "lead", IncidentClassification.TruePositive, "Require MFA.\n<script>x</script>");
        return await manager.CreateReportAsync(id);
    }

    [Fact]
    public async Task ToMarkdown_ClosedIncident_HasPhasesWithCsfFunctionsTimesAndEscapedText()
    {
        var report = await ClosedIncidentReportAsync();
        var md = report.ToMarkdown();
        Assert.Contains("| Identified | 2026-01-05 09:00:00Z | Detect | DE.AE |", md, StringComparison.Ordinal);
        Assert.Contains("| Contained | 2026-01-05 09:04:00Z | Respond | RS.MI |", md, StringComparison.Ordinal);
        Assert.Contains("| Resolved | 2026-01-05 09:30:00Z | Recover | RC.CO |", md, StringComparison.Ordinal);
        Assert.Contains("| Closed | 2026-01-05 09:30:00Z | Identify | ID.IM |", md, StringComparison.Ordinal);
        Assert.Contains("| Time to acknowledge | 0.00:04:00 (target 0.00:15:00: met) |", md, StringComparison.Ordinal);
        Assert.Contains("| Time to resolve | 0.00:30:00 |", md, StringComparison.Ordinal);
        Assert.Contains("Identified -> Acknowledged", md, StringComparison.Ordinal);
        Assert.Contains("locked \\| revoked", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script>", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains("| LockAccount | alice | succeeded: account locked until unlocked; 2 sessions revoked | yes | Respond (RS.MI) |", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJson_ClosedIncident_ParsesWithPhasesAndResponseTimes()
    {
        var report = await ClosedIncidentReportAsync();
        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;
        Assert.True(root.GetProperty("acknowledgeTargetMet").GetBoolean());
        Assert.Equal("Closed", root.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal(7, root.GetProperty("phases").GetArrayLength());
        Assert.Equal("Detect", root.GetProperty("phases")[0].GetProperty("function").GetString());
        Assert.Equal("TruePositive", root.GetProperty("incident").GetProperty("classification").GetString());
    }

    [Fact]
    public async Task WriteAsync_WritesMarkdownAndJsonNamedAfterTheIncident()
    {
        var report = await ClosedIncidentReportAsync();
        var (md, json) = await IncidentReportWriter.WriteAsync(report, _dir);
        Assert.Equal(Path.Combine(_dir, report.Incident.Id + ".md"), md);
        Assert.Equal(report.ToMarkdown(), await File.ReadAllTextAsync(md));
        Assert.Equal(report.ToJson(), await File.ReadAllTextAsync(json));
        Assert.Equal(2, Directory.GetFiles(_dir).Length);
        await Assert.ThrowsAsync<ArgumentException>(() => IncidentReportWriter.WriteAsync(report, " "));
        await Assert.ThrowsAsync<ArgumentNullException>(() => IncidentReportWriter.WriteAsync(null!, _dir));
    }

    [Fact]
    public void CsfOf_EveryPhase_MapsToTheSp80061r3Function()
    {
        Assert.Equal(
            [CsfFunction.Detect, CsfFunction.Respond, CsfFunction.Respond, CsfFunction.Respond, CsfFunction.Recover, CsfFunction.Recover, CsfFunction.Identify],
            Enum.GetValues<IncidentStatus>().Select(p => IncidentReport.CsfOf(p).Function));
    }
}
