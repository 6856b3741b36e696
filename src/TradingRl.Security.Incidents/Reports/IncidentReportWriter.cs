namespace TradingRl.Security.Incidents;

/// <summary>Writes incident reports as Markdown and JSON files, atomically.</summary>
public static class IncidentReportWriter
{
    /// <summary>Writes <c>&lt;id&gt;.md</c> and <c>&lt;id&gt;.json</c> into a directory, creating it when missing.</summary>
    /// <param name="report">The report.</param>
    /// <param name="directory">The output directory.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The paths of the Markdown and JSON files.</returns>
    /// <exception cref="IncidentStoreException">A file could not be written; no half-written file is left under the final name.</exception>
    public static async Task<(string MarkdownPath, string JsonPath)> WriteAsync(IncidentReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        IncidentIds.ThrowIfInvalid(report.Incident.Id, nameof(report));
        var dir = Path.GetFullPath(directory);
        var md = Path.Combine(dir, report.Incident.Id + ".md");
        var json = Path.Combine(dir, report.Incident.Id + ".json");
        try
        {
            Directory.CreateDirectory(dir);
            await WriteAtomicallyAsync(md, report.ToMarkdown(), cancellationToken).ConfigureAwait(false);
            await WriteAtomicallyAsync(json, report.ToJson(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException and not IncidentStoreException or UnauthorizedAccessException)
        {
            throw new IncidentStoreException($"The report of incident {report.Incident.Id} could not be written to '{dir}': {ex.Message}", ex);
        }

        return (md, json);
    }

    private static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await File.WriteAllTextAsync(temp, text, cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
