using System.Globalization;
using Microsoft.Extensions.Options;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Cli;

/// <summary>The <c>trsec keys ...</c> commands: the Encryption package's file key ring (<c>keyring.json</c> sealed by <c>master.key</c>).</summary>
internal static class KeyCommands
{
    public const string Usage = """
        trsec keys list DIR [--master-key FILE]
            Lists the data keys of the key ring in DIR: id, created, status (current, active, retired, revoked),
            messages reserved. Prints no key material.
        trsec keys rotate DIR [--master-key FILE] [--reason TEXT]
            Makes a new current data key; older keys keep decrypting. Stop hosts that use the ring first:
            a running host keeps its loaded ring and would write over the rotation on its next change.

        DIR is the key-ring directory (Encryption:KeyRingDirectory), or a data directory holding keys/.
        --master-key defaults to DIR/master.key (Encryption:MasterKeyPath).
        Exit codes: 0 ok, 2 usage error, 3 no key ring, 4 master key missing, wrong or unsafe, or the ring corrupt.
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (CommandLine.Start(args, "keys", Usage, ["list", "rotate"], "the key-ring directory", stdout, stderr) is { } done)
        {
            return done;
        }

        var dir = Resolve(args[1]);
        string? masterKey = null;
        string? reason = null;
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--master-key" when CommandLine.TryTakeValue(args, ref i, out var v):
                    masterKey = v;
                    break;
                case "--reason" when args[0] == "rotate" && CommandLine.TryTakeValue(args, ref i, out var v):
                    reason = v;
                    break;
                default:
                    return CommandLine.UsageError(stderr, $"'{args[i]}' is not an option of 'keys {args[0]}' (or its value is missing).");
            }
        }

        if (!File.Exists(Path.Combine(dir, FileKeyRingStore.FileName)))
        {
            stderr.WriteLine($"NO KEY RING: '{Path.GetFullPath(dir)}' holds no {FileKeyRingStore.FileName}.");
            return ExitCodes.NotFound;
        }

        try
        {
            using var kek = LocalMasterKeyProvider.LoadFile(masterKey ?? Path.Combine(dir, FileKeyRingStore.MasterKeyFileName));

            // The tool never rotates on its own: no scheduled rotation however old the current key is.
            var options = Options.Create(new EncryptionOptions { KeyRingDirectory = dir, KeyRotationInterval = TimeSpan.MaxValue });
            using var ring = new KeyRing(options, new FileKeyRingStore(dir), kek, TimeProvider.System);
            if (args[0] == "rotate")
            {
                var previous = ring.CurrentKeyId;
                var created = ring.Rotate(reason ?? "trsec keys rotate");
                stdout.WriteLine($"rotated: new current key {created.Id} (created {created.CreatedAt:u}); {previous} keeps decrypting.");
            }

            Print(ring, stdout);
            return ExitCodes.Ok;
        }
        catch (KeyRingException ex)
        {
            stderr.WriteLine($"{(ex.Reason == KeyRingFailureReason.NotFound ? "NOT FOUND" : "KEY PROBLEM")} ({ex.Reason}): {ex.Message}");
            return ex.Reason == KeyRingFailureReason.NotFound ? ExitCodes.NotFound : ExitCodes.KeyProblem;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"CANNOT READ: {ex.Message}");
            return ExitCodes.NotFound;
        }
    }

    private static string Resolve(string dir) =>
        !File.Exists(Path.Combine(dir, FileKeyRingStore.FileName)) && File.Exists(Path.Combine(dir, "keys", FileKeyRingStore.FileName)) ? Path.Combine(dir, "keys") : dir;

    private static void Print(KeyRing ring, TextWriter stdout)
    {
        stdout.WriteLine($"key ring: sealed by {ring.KeyEncryptionKeyId}, cipher {ring.Cipher}");
        stdout.WriteLine($"{"key id",-36}  {"created (UTC)",-20}  {"status",-8}  {"messages",12}");
        foreach (var k in ring.GetKeys())
        {
            var status = k.Id == ring.CurrentKeyId ? "current" : k.Status.ToString().ToLowerInvariant();
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{k.Id,-36}  {k.CreatedAt:u}  {status,-8}  {k.MessagesReserved,12:N0}"));
        }
    }
}
