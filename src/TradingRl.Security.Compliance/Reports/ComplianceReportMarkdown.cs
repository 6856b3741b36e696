using System.Globalization;
using System.Text;

namespace TradingRl.Security.Compliance;

/// <summary>Renders a <see cref="DailyComplianceReport"/> as Markdown; every value taken from an event is escaped so it cannot break the table or inject markup.</summary>
internal static class ComplianceReportMarkdown
{
    public static string Render(DailyComplianceReport r)
    {
        var b = new StringBuilder(4096);
        b.Append(CultureInfo.InvariantCulture, $"# Compliance report {r.Date:yyyy-MM-dd} (UTC)\n\n");
        b.Append(CultureInfo.InvariantCulture, $"Generated {r.GeneratedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC from {r.EventsRecorded} security events.\n\n");

        b.Append("## Summary\n\n| Measure | Count |\n|---|---:|\n");
        Row(b, "Orders checked", r.OrdersChecked);
        Row(b, "Orders submitted", r.OrdersSubmitted);
        Row(b, "Orders denied", r.OrdersDenied);
        Row(b, "Limit breaches", r.LimitBreaches);
        Row(b, "Trading-state changes", r.StateChanges);
        Row(b, "Kill switch engaged", r.KillSwitchEngagements);
        Row(b, "Kill switch released", r.KillSwitchReleases);
        Row(b, "Surveillance alerts", r.SurveillanceAlerts);
        Row(b, "Trades reported", r.TradesReported);
        Row(b, "Late trade reports", r.LateReports);
        Row(b, "Best-execution outliers", r.BestExecutionOutliers);
        b.Append('\n');

        Counts(b, "Denials by reason", "Reason", r.DenialsByReason);
        Counts(b, "Limit breaches by reason", "Reason", r.LimitBreachesByReason);
        Counts(b, "Trading-state changes by reason", "Reason", r.StateChangesByReason);
        Counts(b, "Surveillance alerts by reason", "Reason", r.SurveillanceAlertsByReason);
        Counts(b, "Counters", "Counter", r.Counters);

        if (r.Surveillance is { } s)
        {
            b.Append("## Surveillance statistics\n\n| Measure | Value |\n|---|---:|\n");
            Row(b, "Events observed", s.EventsObserved);
            Row(b, "Orders added", s.OrdersAdded);
            Row(b, "Orders modified", s.OrdersModified);
            Row(b, "Partial cancellations", s.PartialCancellations);
            Row(b, "Full cancellations", s.FullCancellations);
            Row(b, "Executions", s.Executions);
            Row(b, "Order-to-trade ratio", s.OrderToTradeRatio is { } otr ? Math.Round(otr, 4).ToString(CultureInfo.InvariantCulture) : "n/a");
            Row(b, "Cancel ratio", s.CancelRatio is { } cr ? Math.Round(cr, 4).ToString(CultureInfo.InvariantCulture) : "n/a");
            Row(b, "Peak events per window", s.PeakEventsPerWindow);
            Row(b, "Fleeting cancellations", s.FleetingCancellations);
            Row(b, "Untracked orders", s.UntrackedOrders);
            Row(b, "Unmonitored events", s.UnmonitoredEvents);
            Row(b, "Unpublished alerts", s.UnpublishedAlerts);
            b.Append('\n');
        }

        if (r.BestExecution is { } x)
        {
            b.Append("## Best execution\n\nCosts are positive when worse than the arrival price; basis points weighted by arrival notional.\n\n");
            b.Append("| Group | Key | Fills | Outliers | Slippage (bps) | Shortfall (bps) | Mean effective spread (bps) | Worst slippage (bps) |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
            foreach (var a in new[] { x.Total }.Concat(x.ByStrategy).Concat(x.ByInstrument).Concat(x.ByVenue))
            {
                b.Append(CultureInfo.InvariantCulture, $"| {a.Dimension} | {Cell(a.Key)} | {a.Fills} | {a.Outliers} | {Bps(a.SlippageBps)} | {Bps(a.ImplementationShortfallBps)} | {Bps(a.MeanEffectiveSpreadBps)} | {Bps(a.WorstSlippageBps)} |\n");
            }

            b.Append('\n');
        }

        Counts(b, "Events by type", "Type", r.EventsByType);

        if (r.Scorecard is { } scorecard)
        {
            b.Append(Evidence.ScorecardMarkdownWriter.ToMarkdown(scorecard)).Append('\n');
        }

        b.Append("## Notable events\n\n");
        if (r.NotableEvents.Count == 0)
        {
            b.Append("None.\n");
        }
        else
        {
            b.Append("| Time (UTC) | Type | Severity | Reason | Actor | Resource | Event id |\n|---|---|---|---|---|---|---|\n");
            foreach (var e in r.NotableEvents)
            {
                b.Append(CultureInfo.InvariantCulture, $"| {e.Timestamp.ToUniversalTime():HH:mm:ss.fff} | {Cell(e.Type)} | {e.Severity} | {Cell(e.Reason)} | {Cell(e.Actor)} | {Cell(e.Resource)} | {e.EventId} |\n");
            }
        }

        if (r.NotableEventsOmitted > 0)
        {
            b.Append(CultureInfo.InvariantCulture, $"\n{r.NotableEventsOmitted} further notable events were counted but not listed.\n");
        }

        return b.ToString();
    }

    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var b = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\t')
            {
                b.Append(' ');
            }
            else if (char.IsControl(c))
            {
                continue;
            }
            else if (c is '|' or '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '!' or '~')
            {
                b.Append('\\').Append(c);
            }
            else
            {
                b.Append(c);
            }
        }

        return b.ToString();
    }

    private static string Bps(decimal value) => Math.Round(value, 2).ToString("0.00", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder b, string name, long value) => b.Append(CultureInfo.InvariantCulture, $"| {name} | {value} |\n");

    private static void Row(StringBuilder b, string name, string value) => b.Append(CultureInfo.InvariantCulture, $"| {name} | {value} |\n");

    private static void Counts(StringBuilder b, string title, string column, IReadOnlyList<ComplianceReportCount> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        b.Append(CultureInfo.InvariantCulture, $"## {title}\n\n| {column} | Count |\n|---|---:|\n");
        foreach (var c in counts)
        {
            b.Append(CultureInfo.InvariantCulture, $"| {Cell(c.Name)} | {c.Count} |\n");
        }

        b.Append('\n');
    }
}
