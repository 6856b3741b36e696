using System.Text;
using NSec.Cryptography;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>The Ed25519 key that signs the audit log's checkpoints, kept in <c>signing.key</c> (owner-only) beside the log.</summary>
internal sealed class AuditSigningKey : IDisposable
{
    public const string PrivateKeyFile = "signing.key";
    public const string PublicKeyFile = "signing.vkey";
    private const int SeedLength = 32;
    private static readonly byte[] Magic = "TRAUDKEY1\n"u8.ToArray();

    private AuditSigningKey(Key key, string name)
    {
        Key = key;
        Name = name;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyId = SignedCheckpoint.ComputeKeyId(name, PublicKey);
    }

    public Key Key { get; }

    public string Name { get; }

    public byte[] PublicKey { get; }

    public uint KeyId { get; }

    /// <summary>Gets the C2SP verifier key: <c>name+keyid(hex)+base64(0x01 || public key)</c>.</summary>
    public string VerifierKey => FormatVerifierKey(Name, PublicKey);

    public static AuditSigningKey CreateEphemeral(string name) =>
        new(Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None }), name);

    /// <summary>Tells whether a configured key is base64 of a 32-byte Ed25519 seed that is not all zero.</summary>
    public static bool IsValidSeed(string base64)
    {
        Span<byte> seed = stackalloc byte[48];
        try
        {
            return Convert.TryFromBase64String(base64.Trim(), seed, out var n) && n == SeedLength && seed[..n].IndexOfAnyExcept((byte)0) >= 0;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Imports the key from configuration (<see cref="AuditTrailOptions.SigningKey"/>): base64 of the 32-byte seed.</summary>
    /// <exception cref="AuditSigningKeyException">The value is not such a key (the message never echoes it).</exception>
    public static AuditSigningKey FromSeed(string base64, string name)
    {
        if (!IsValidSeed(base64))
        {
            throw new AuditSigningKeyException("AuditTrailOptions.SigningKey is not base64 of a 32-byte Ed25519 private key.");
        }

        var seed = Convert.FromBase64String(base64.Trim());
        try
        {
            return new AuditSigningKey(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None }), name);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
        }
    }

    /// <summary>Loads the key, or creates it when neither key nor log exist yet.</summary>
    /// <exception cref="AuditSigningKeyException">The key is missing while a log exists, unreadable, or readable by others.</exception>
    public static AuditSigningKey LoadOrCreate(string directory, string name, bool logExists)
    {
        var path = Path.Combine(directory, PrivateKeyFile);
        if (!File.Exists(path))
        {
            if (logExists)
            {
                throw new AuditSigningKeyException(
                    $"The audit log in '{directory}' exists but its signing key '{PrivateKeyFile}' is missing. A new key is never made silently for an existing log: " +
                    "restore the key from backup, or move the log away to start a new one (keep it, with its exported checkpoints, as evidence).");
            }

            return Create(directory, path, name);
        }

        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                throw new AuditSigningKeyException($"The audit signing key '{path}' can be read or written by other users; run 'chmod 600' on it.");
            }
        }

        byte[] blob;
        try
        {
            blob = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new AuditSigningKeyException($"The audit signing key '{path}' cannot be read.", ex);
        }

        try
        {
            if (blob.Length != Magic.Length + 32 || !blob.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            {
                throw new AuditSigningKeyException($"The audit signing key '{path}' is not in the expected format; restore it from backup.");
            }

            var key = Key.Import(SignatureAlgorithm.Ed25519, blob.AsSpan(Magic.Length), KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
            return new AuditSigningKey(key, name);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(blob);
        }
    }

    /// <summary>Reads the public key of a log directory from its verifier-key file.</summary>
    /// <exception cref="AuditSigningKeyException">The file is missing or malformed.</exception>
    public static (string Name, byte[] PublicKey) ReadVerifierKey(string path)
    {
        if (!File.Exists(path))
        {
            throw new AuditSigningKeyException($"The verifier key file '{path}' does not exist.");
        }

        return ParseVerifierKey(File.ReadAllText(path).Trim());
    }

    public static (string Name, byte[] PublicKey) ParseVerifierKey(string text)
    {
        var parts = text.Split('+', 3);
        var raw = new byte[33];
        if (parts.Length != 3 || parts[0].Length == 0 || !Convert.TryFromBase64String(parts[2], raw, out var n) || n != 33 || raw[0] != 0x01)
        {
            throw new AuditSigningKeyException("The verifier key is not in the form name+keyid+base64(0x01 || Ed25519 public key).");
        }

        var pub = raw[1..];
        if (!string.Equals(parts[1], SignedCheckpoint.ComputeKeyId(parts[0], pub).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw new AuditSigningKeyException("The verifier key's id does not match its name and public key.");
        }

        return (parts[0], pub);
    }

    public static string FormatVerifierKey(string name, byte[] publicKey)
    {
        var raw = new byte[33];
        raw[0] = 0x01;
        publicKey.CopyTo(raw, 1);
        return $"{name}+{SignedCheckpoint.ComputeKeyId(name, publicKey).ToString("x8", System.Globalization.CultureInfo.InvariantCulture)}+{Convert.ToBase64String(raw)}";
    }

    public SignedCheckpoint Sign(string origin, long treeSize, byte[] root, DateTimeOffset time) =>
        SignedCheckpoint.Sign(Key, Name, KeyId, origin, treeSize, root, time);

    public void Dispose() => Key.Dispose();

    private static AuditSigningKey Create(string directory, string path, string name)
    {
        using var exportable = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var seed = exportable.Export(KeyBlobFormat.RawPrivateKey);
        var blob = new byte[Magic.Length + seed.Length];
        try
        {
            Magic.CopyTo(blob, 0);
            seed.CopyTo(blob, Magic.Length);
            var temp = path + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var fs = new FileStream(temp, options))
            {
                fs.Write(blob);
                fs.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: false);
            var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.None });
            var result = new AuditSigningKey(key, name);
            File.WriteAllText(Path.Combine(directory, PublicKeyFile), result.VerifierKey + "\n", Encoding.ASCII);
            return result;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed);
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(blob);
        }
    }
}
