namespace TradingRl.Security.Compliance;

/// <summary>The files a compliance report was written to.</summary>
/// <param name="JsonPath">The full path of the JSON report.</param>
/// <param name="MarkdownPath">The full path of the Markdown report.</param>
public sealed record ComplianceReportFiles(string JsonPath, string MarkdownPath);
