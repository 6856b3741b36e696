namespace TradingRl.Security.Cli;

/// <summary>Dispatches <c>trsec GROUP COMMAND ...</c> to the command groups and prints the tool's help.</summary>
internal static class CommandLine
{
    public const string Usage = """
        trsec - TradingRl.Security command-line tool

        Commands (each takes --help):
          trsec audit verify|proof|checkpoint DIR ...   the tamper-evident audit trail
          trsec password hash|verify ...                Argon2id password hashes (password on standard input)
          trsec keys list|rotate DIR ...                the Encryption key ring in a data directory
          trsec reports verify|print PATH ...           trade reports (trade-reports-*.jsonl)
          trsec compliance render FILE ...              a compliance report (JSON) as Markdown

        Exit codes: 0 ok, 1 verification failed, 2 usage error, 3 not found or unreadable, 4 key missing or unsafe,
                    5 in use by another process, 6 unsigned audit records after the last commit.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        switch (args[0])
        {
            case "-h" or "--help" or "help":
                await stdout.WriteLineAsync(Usage + Environment.NewLine + AuditCommands.Usage).ConfigureAwait(false);
                return ExitCodes.Ok;
            case "audit":
                return await AuditCommands.RunAsync(args, stdout, stderr).ConfigureAwait(false);
            case "password":
                return await PasswordCommands.RunAsync(args[1..], stdin, stdout, stderr).ConfigureAwait(false);
            case "keys":
                return KeyCommands.Run(args[1..], stdout, stderr);
            case "reports":
                return await ReportCommands.RunAsync(args[1..], stdout, stderr).ConfigureAwait(false);
            case "compliance":
                return await ComplianceCommands.RunAsync(args[1..], stdout, stderr).ConfigureAwait(false);
            default:
                return UsageError(stderr, $"unknown command '{args[0]}'.");
        }
    }

    /// <summary>
    /// Handles what every group shares: prints its help when asked (<c>GROUP --help</c>, <c>GROUP COMMAND --help</c>),
    /// refuses an unknown command, and a missing operand when <paramref name="operand"/> names one.
    /// </summary>
    /// <returns>The exit code when the group is done (help or a usage error), otherwise <see langword="null"/>: run the command.</returns>
    public static int? Start(string[] args, string group, string usage, string[] commands, string? operand, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0)
        {
            stderr.WriteLine(usage);
            return ExitCodes.Usage;
        }

        if (args.Any(a => a is "-h" or "--help") || args[0] == "help")
        {
            stdout.WriteLine(usage);
            return ExitCodes.Ok;
        }

        if (!commands.Contains(args[0]))
        {
            return UsageError(stderr, $"unknown {group} command '{args[0]}'.");
        }

        return operand is not null && args.Length < 2 ? UsageError(stderr, $"'{group} {args[0]}' needs {operand}.") : null;
    }

    public static int UsageError(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message} Run 'trsec --help'.");
        return ExitCodes.Usage;
    }

    /// <summary>Reads the value after an option, or fails with a usage error.</summary>
    public static bool TryTakeValue(string[] args, ref int i, out string value)
    {
        if (i + 1 < args.Length)
        {
            value = args[++i];
            return true;
        }

        value = string.Empty;
        return false;
    }
}
