using System.Text.Json;
using System.Text.Json.Serialization;
using TradingRl.Security.Compliance;

namespace TradingRl.Security.Cli;

/// <summary>The <c>trsec compliance ...</c> commands.</summary>
internal static class ComplianceCommands
{
    public const string Usage = """
        trsec compliance render FILE [--out FILE]
            Reads a daily compliance report (compliance-report-YYYY-MM-DD.json, as the Compliance package writes
            it) and prints it as Markdown, or writes it to --out.
        Exit codes: 0 ok, 2 usage error or not a compliance report, 3 file not found or unreadable.
        """;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.Start(args, "compliance", Usage, ["render"], "the report file", stdout, stderr) is { } done)
        {
            return done;
        }

        string? output = null;
        if (args.Length == 4 && args[2] == "--out")
        {
            output = args[3];
        }
        else if (args.Length != 2)
        {
            return CommandLine.UsageError(stderr, "'compliance render' takes FILE and optionally --out FILE.");
        }

        DailyComplianceReport? report;
        try
        {
            await using var stream = File.OpenRead(args[1]);
            report = await JsonSerializer.DeserializeAsync<DailyComplianceReport>(stream, Json).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            stderr.WriteLine($"error: '{args[1]}' is not a compliance report: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"CANNOT READ: {ex.Message}");
            return ExitCodes.NotFound;
        }

        if (report is null)
        {
            stderr.WriteLine($"error: '{args[1]}' is not a compliance report (it holds null).");
            return ExitCodes.Usage;
        }

        var markdown = ComplianceReportGenerator.ToMarkdown(report);
        if (output is null)
        {
            await stdout.WriteAsync(markdown).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var temp = output + ".tmp";
        await File.WriteAllTextAsync(temp, markdown).ConfigureAwait(false);
        File.Move(temp, output, overwrite: true);
        stdout.WriteLine($"wrote {Path.GetFullPath(output)}");
        return ExitCodes.Ok;
    }
}
