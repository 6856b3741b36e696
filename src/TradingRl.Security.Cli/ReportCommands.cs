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
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 4,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.Help(args, Usage, stdout, stderr) is { } help)
        {
            return help;
        }

        if (args[0] is not ("verify" or "print"))
        {
            return CommandLine.UsageError(stderr, $"unknown reports command '{args[0]}'.");
        }

        if (args.Length < 2)
        {
            return CommandLine.UsageError(stderr, $"'reports {args[0]}' needs a file or folder.");
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
        var problems = TradeReportValidator.Validate(r.ToReport()).ToList();
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
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.ExecutionTime.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}  {r.TradeId,-16} {r.Account,-12} {r.Side,-4} {r.Quantity,12} {r.Instrument,-10} {r.Price,14} {r.Currency,-3} {r.Venue,-5} {(r.Late ? "LATE" : "-")}"));
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
                report = JsonSerializer.Deserialize<Line>(text, Json);
                error = report is null ? "not a trade report (null)" : null;
            }
            catch (JsonException ex)
            {
                error = $"not a trade report: {ex.Message}";
            }

            yield return (number, report, error);
        }
    }

    /// <summary>One line of a trade-report file, as <see cref="JsonLinesTradeReportSink"/> writes it.</summary>
    private sealed record Line
    {
        public required string TradeId { get; init; }

        public required DateTimeOffset ExecutionTime { get; init; }

        public required string ClockSource { get; init; }

        public required string Instrument { get; init; }

        public required OrderSide Side { get; init; }

        public required decimal Quantity { get; init; }

        public required decimal Price { get; init; }

        public required string Currency { get; init; }

        public required string Venue { get; init; }

        public required OrderType OrderType { get; init; }

        public required string Account { get; init; }

        public string? TraderId { get; init; }

        public string? AlgorithmId { get; init; }

        public required string Regime { get; init; }

        public required DateTimeOffset SubmittedAt { get; init; }

        public required DateTimeOffset DueBy { get; init; }

        public required bool Late { get; init; }

        public TradeReport ToReport() => new()
        {
            TradeId = TradeId,
            ExecutionTime = ExecutionTime,
            ClockSource = ClockSource,
            Instrument = Instrument,
            Side = Side,
            Quantity = Quantity,
            Price = Price,
            Currency = Currency,
            Venue = Venue,
            OrderType = OrderType,
            Account = Account,
            TraderId = TraderId,
            AlgorithmId = AlgorithmId,
            Regime = Regime,
        };
    }
}
