using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TradingRl.Security.Compliance;

namespace TradingRl.Security.Cli;

/// <summary>The <c>trsec reports ...</c> commands: the trade reports the Compliance package writes (<c>trade-reports-yyyyMMdd.jsonl</c>).</summary>
internal static class ReportCommands
{
    public const string Usage = """
        trsec reports verify PATH
            Checks every trade report: each line parses, passes the Compliance package's validation, sits in
            the file of its UTC execution date, has a consistent late flag (submitted after its deadline),
            and its trade id is not reported twice. Names file and line of each problem.
        trsec reports print PATH [--account ACCOUNT] [--limit N]
            Prints the reports as a table, oldest first.

        PATH is a trade-reports-*.jsonl file, the folder holding them (Compliance:Reporting:Directory), or an
        output folder with a trade-reports/ folder.
        Exit codes: 0 ok, 1 a report failed verification, 2 usage error, 3 no reports found or unreadable.
        """;

    private const int MaxProblemsShown = 50;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        RespectRequiredConstructorParameters = true,
        MaxDepth = 4,
    };

    // Every field a line may hold: the report's and the receipt's. Anything else is refused.
    private static readonly HashSet<string> Fields =
    [
        .. typeof(TradeReport).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)),
        .. typeof(Receipt).GetProperties().Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name)),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.Start(args, "reports", Usage, ["verify", "print"], "a file or folder", stdout, stderr) is { } done)
        {
            return done;
        }

        string? account = null;
        var limit = int.MaxValue;
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--account" when args[0] == "print" && CommandLine.TryTakeValue(args, ref i, out var v):
                    account = v;
                    break;
                case "--limit" when args[0] == "print" && CommandLine.TryTakeValue(args, ref i, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    limit = n;
                    break;
                default:
                    return CommandLine.UsageError(stderr, $"'{args[i]}' is not an option of 'reports {args[0]}' (or its value is missing or invalid).");
            }
        }

        var files = Find(args[1]);
        if (files.Count == 0)
        {
            stderr.WriteLine($"NO REPORTS: '{args[1]}' is not a trade-reports-*.jsonl file nor a folder holding any.");
            return ExitCodes.NotFound;
        }

        try
        {
            return args[0] == "verify"
                ? await VerifyAsync(files, stdout).ConfigureAwait(false)
                : await PrintAsync(files, account, limit, stdout, stderr).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"CANNOT READ: {ex.Message}");
            return ExitCodes.NotFound;
        }
    }

    private static List<string> Find(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        var dir = Directory.Exists(Path.Combine(path, "trade-reports")) ? Path.Combine(path, "trade-reports") : path;
        return Directory.Exists(dir) ? [.. Directory.GetFiles(dir, "trade-reports-*.jsonl").Order(StringComparer.Ordinal)] : [];
    }

    private static async Task<int> VerifyAsync(List<string> files, TextWriter stdout)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        long reports = 0, problems = 0;
        foreach (var file in files)
        {
            var fileDate = Path.GetFileNameWithoutExtension(file)["trade-reports-".Length..];
            var lineNumber = 0;
            await foreach (var (line, report, error) in ReadAsync(file).ConfigureAwait(false))
            {
                lineNumber = line;
                reports++;
                var found = error is null ? Check(report!, fileDate) : [error];
                if (report is not null && !seen.TryAdd(report.TradeId, $"{Path.GetFileName(file)}:{line}"))
                {
                    found.Add($"trade id '{report.TradeId}' was already reported at {seen[report.TradeId]}");
                }

                foreach (var problem in found)
                {
                    if (++problems <= MaxProblemsShown)
                    {
                        stdout.WriteLine($"{Path.GetFileName(file)}:{line}: {problem}");
                    }
                }
            }

            stdout.WriteLine($"{Path.GetFileName(file)}: {lineNumber} line(s)");
        }

        if (problems > MaxProblemsShown)
        {
            stdout.WriteLine($"... and {problems - MaxProblemsShown} more problem(s).");
        }

        stdout.WriteLine(problems == 0
            ? $"VERIFIED: {reports} trade report(s) in {files.Count} file(s)."
            : $"FAILED: {problems} problem(s) in {reports} trade report(s).");
        return problems == 0 ? ExitCodes.Ok : ExitCodes.Tampered;
    }

    private static List<string> Check(Line r, string fileDate)
    {
        var problems = TradeReportValidator.Validate(r.Report).ToList();
        if (r.ExecutionTime.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) != fileDate)
        {
            problems.Add($"executed on {r.ExecutionTime.UtcDateTime:yyyy-MM-dd} (UTC) but filed under {fileDate}");
        }

        if (r.Late != (r.SubmittedAt > r.DueBy))
        {
            problems.Add($"late flag {r.Late} contradicts submitted {r.SubmittedAt:O} against due {r.DueBy:O}");
        }

        if (r.SubmittedAt < r.ExecutionTime)
        {
            problems.Add("submitted before it was executed");
        }

        return problems;
    }

    private static async Task<int> PrintAsync(List<string> files, string? account, int limit, TextWriter stdout, TextWriter stderr)
    {
        var rows = new List<Line>();
        foreach (var file in files)
        {
            await foreach (var (line, report, error) in ReadAsync(file).ConfigureAwait(false))
            {
                if (error is not null)
                {
                    stderr.WriteLine($"{Path.GetFileName(file)}:{line}: skipped: {error}");
                }
                else if (account is null || report!.Account == account)
                {
                    rows.Add(report!);
                }
            }
        }

        stdout.WriteLine($"{"executed (UTC)",-24} {"trade id",-16} {"account",-12} {"side",-4} {"quantity",12} {"instrument",-10} {"price",14} {"ccy",-3} {"venue",-5} late");
        foreach (var r in rows.OrderBy(r => r.ExecutionTime).ThenBy(r => r.TradeId, StringComparer.Ordinal).Take(limit))
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.ExecutionTime.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}  {r.TradeId,-16} {r.Account,-12} {r.Report.Side,-4} {r.Report.Quantity,12} {r.Report.Instrument,-10} {r.Report.Price,14} {r.Report.Currency,-3} {r.Report.Venue,-5} {(r.Late ? "LATE" : "-")}"));
        }

        stdout.WriteLine($"{Math.Min(rows.Count, limit)} of {rows.Count} report(s){(account is null ? string.Empty : $" for {account}")}.");
        return ExitCodes.Ok;
    }

    private static async IAsyncEnumerable<(int Line, Line? Report, string? Error)> ReadAsync(string file)
    {
        var number = 0;
        await foreach (var text in File.ReadLinesAsync(file).ConfigureAwait(false))
        {
            number++;
            Line? report = null;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    error = "not a trade report (not a JSON object)";
                }
                else if (document.RootElement.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !Fields.Contains(n)) is { } unknown)
                {
                    error = $"not a trade report: unknown field '{unknown}'";
                }
                else
                {
                    var receipt = document.RootElement.Deserialize<Receipt>(Json)!;
                    report = new Line(document.RootElement.Deserialize<TradeReport>(Json)!, receipt.SubmittedAt, receipt.DueBy, receipt.Late);
                }
            }
            catch (JsonException ex)
            {
                error = $"not a trade report: {ex.Message}";
            }

            yield return (number, report, error);
        }
    }

    /// <summary>One line of a trade-report file, as <see cref="JsonLinesTradeReportSink"/> writes it: the report and its receipt's timing.</summary>
    private sealed record Line(TradeReport Report, DateTimeOffset SubmittedAt, DateTimeOffset DueBy, bool Late)
    {
        public string TradeId => Report.TradeId;

        public string Account => Report.Account;

        public DateTimeOffset ExecutionTime => Report.ExecutionTime;
    }

    /// <summary>The receipt fields the sink adds to each report.</summary>
    private sealed record Receipt(DateTimeOffset SubmittedAt, DateTimeOffset DueBy, bool Late);
}
