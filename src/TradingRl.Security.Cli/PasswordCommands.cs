using System.Globalization;
using TradingRl.Security.Auth.Passwords;

namespace TradingRl.Security.Cli;

/// <summary>The <c>trsec password ...</c> commands: Argon2id hashes through the Auth package; the password is read from standard input only.</summary>
internal static class PasswordCommands
{
    public const string Usage = """
        trsec password hash [--memory KIB] [--iterations N]
            Reads one password (one line) from standard input and prints its Argon2id hash (PHC string).
            Defaults: the Auth package's, 65536 KiB and 3 passes; at least 19456 KiB and 2 passes (OWASP).
        trsec password verify HASH
            Reads one password from standard input and checks it against HASH ($argon2id$...).
            Exit 0 when it matches (prints MATCH, or MATCH (rehash needed) for a weaker hash), 1 when not.

        The password is never taken from an argument (arguments show in process lists and shell history).
        Example: printf '%s' "$PASSWORD" | trsec password hash
        Exit codes: 0 ok or match, 1 no match, 2 usage error, weak settings or no password on standard input.
        """;

    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.Start(args, "password", Usage, ["hash", "verify"], operand: null, stdout, stderr) is { } done)
        {
            return done;
        }

        return args[0] == "hash"
            ? await HashAsync(args[1..], stdin, stdout, stderr).ConfigureAwait(false)
            : await VerifyAsync(args[1..], stdin, stdout, stderr).ConfigureAwait(false);
    }

    private static async Task<int> HashAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var options = new PasswordHashingOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--memory" when CommandLine.TryTakeValue(args, ref i, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var kib):
                    options.MemoryKiB = kib;
                    break;
                case "--iterations" when CommandLine.TryTakeValue(args, ref i, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    options.Iterations = n;
                    break;
                default:
                    return CommandLine.UsageError(stderr, $"'{args[i]}' is not an option of 'password hash' (or its value is missing or not a number); the password is read from standard input, never from an argument.");
            }
        }

        var password = await ReadPasswordAsync(stdin, stderr).ConfigureAwait(false);
        if (password is null)
        {
            return ExitCodes.Usage;
        }

        Argon2idPasswordHasher hasher;
        try
        {
            hasher = new Argon2idPasswordHasher(options);
        }
        catch (ArgumentException ex)
        {
            return CommandLine.UsageError(stderr, ex.Message.Split(" (Parameter", 2)[0]);
        }

        using (hasher)
        {
            await stdout.WriteLineAsync(await hasher.HashAsync(password).ConfigureAwait(false)).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length != 1)
        {
            return CommandLine.UsageError(stderr, "'password verify' takes exactly one argument, the stored hash; the password is read from standard input.");
        }

        if (!args[0].StartsWith("$argon2id$", StringComparison.Ordinal))
        {
            return CommandLine.UsageError(stderr, "the hash is not an Argon2id PHC string (it must start with $argon2id$).");
        }

        var password = await ReadPasswordAsync(stdin, stderr).ConfigureAwait(false);
        if (password is null)
        {
            return ExitCodes.Usage;
        }

        using var hasher = new Argon2idPasswordHasher(new PasswordHashingOptions());
        var result = await hasher.VerifyAsync(password, args[0]).ConfigureAwait(false);
        await stdout.WriteLineAsync(result switch
        {
            PasswordVerificationResult.Success => "MATCH",
            PasswordVerificationResult.SuccessRehashNeeded => "MATCH (rehash needed: the hash is weaker than the current policy)",
            _ => "NO MATCH (or the hash is malformed or costlier than the policy allows)",
        }).ConfigureAwait(false);
        return result == PasswordVerificationResult.Failed ? ExitCodes.Tampered : ExitCodes.Ok;
    }

    // One line from standard input, without its line ending; null (with a message) when there is none or it is too long.
    private static async Task<string?> ReadPasswordAsync(TextReader stdin, TextWriter stderr)
    {
        var line = await stdin.ReadLineAsync().ConfigureAwait(false);
        if (string.IsNullOrEmpty(line))
        {
            await stderr.WriteLineAsync("error: no password on standard input (pipe it in: printf '%s' \"$PASSWORD\" | trsec password ...).").ConfigureAwait(false);
            return null;
        }

        if (line.Length > Argon2idPasswordHasher.MaxPasswordLength)
        {
            await stderr.WriteLineAsync($"error: the password is longer than {Argon2idPasswordHasher.MaxPasswordLength} characters.").ConfigureAwait(false);
            return null;
        }

        return line;
    }
}
