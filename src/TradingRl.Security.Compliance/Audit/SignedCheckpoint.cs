using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>A signed tree head: tree size, root hash and time, signed with Ed25519, in the C2SP signed-note checkpoint format.</summary>
/// <remarks>
/// <para>Text form (what an external witness stores and what <see cref="ToNote"/> returns), every line ending in a line feed:</para>
/// <code>
/// &lt;origin&gt;
/// &lt;tree size, decimal&gt;
/// &lt;root hash, standard base64&gt;
/// timestamp &lt;Unix time in milliseconds, UTC&gt;
///
/// — &lt;key name&gt; &lt;base64(key id (4 bytes, big-endian) || Ed25519 signature (64 bytes))&gt;
/// </code>
/// <para>The signature covers the first four lines exactly (the note body). The key id is the first 4 bytes of
/// <c>SHA-256(key name || 0x0A || 0x01 || public key)</c>, as in C2SP signed-note. Immutable and thread-safe.</para>
/// </remarks>
public sealed class SignedCheckpoint
{
    /// <summary>The longest note accepted by <see cref="Parse"/>, in characters.</summary>
    public const int MaxNoteLength = 4096;

    private const string SignatureDash = "\u2014 ";
    private const string TimestampPrefix = "timestamp ";
    private readonly byte[] _rootHash;
    private readonly byte[] _signature;

    private SignedCheckpoint(string origin, long treeSize, byte[] rootHash, DateTimeOffset timestamp, string keyName, uint keyId, byte[] signature)
    {
        Origin = origin;
        TreeSize = treeSize;
        _rootHash = rootHash;
        Timestamp = timestamp;
        KeyName = keyName;
        KeyId = keyId;
        _signature = signature;
    }

    /// <summary>Gets the log's name, the first line of the note.</summary>
    public string Origin { get; }

    /// <summary>Gets the number of records the checkpoint covers.</summary>
    public long TreeSize { get; }

    /// <summary>Gets the 32-byte Merkle root hash of the first <see cref="TreeSize"/> records.</summary>
    public ReadOnlyMemory<byte> RootHash => _rootHash;

    /// <summary>Gets when the checkpoint was signed (UTC, millisecond precision).</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Gets the name of the signing key.</summary>
    public string KeyName { get; }

    /// <summary>Gets the 4-byte id of the signing key.</summary>
    public uint KeyId { get; }

    /// <summary>Gets the 64-byte Ed25519 signature over the note body.</summary>
    public ReadOnlyMemory<byte> Signature => _signature;

    /// <summary>Gets the signed text: origin, size, root and timestamp lines.</summary>
    public string Body => BuildBody(Origin, TreeSize, _rootHash, Timestamp);

    /// <summary>Parses a checkpoint note; the signature is not checked (call <see cref="Verify"/>).</summary>
    /// <param name="note">The note text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="note"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a checkpoint note in the documented format.</exception>
    public static SignedCheckpoint Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (note.Length > MaxNoteLength)
        {
            throw new FormatException($"A checkpoint note is at most {MaxNoteLength} characters long.");
        }

        var lines = note.Split('\n');
        if (lines.Length != 7 || lines[4].Length != 0 || lines[6].Length != 0)
        {
            throw new FormatException("A checkpoint note has four body lines, a blank line and one signature line, each ending in a line feed.");
        }

        var origin = lines[0];
        if (origin.Length == 0 || origin.Any(char.IsWhiteSpace))
        {
            throw new FormatException("The checkpoint origin line is empty or has white space.");
        }

        if (!long.TryParse(lines[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size.ToString(CultureInfo.InvariantCulture) != lines[1])
        {
            throw new FormatException("The checkpoint tree size is not a canonical decimal number.");
        }

        var root = FromBase64(lines[2], MerkleHash.Size, "root hash");
        if (!lines[3].StartsWith(TimestampPrefix, StringComparison.Ordinal) ||
            !long.TryParse(lines[3].AsSpan(TimestampPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ||
            ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new FormatException("The checkpoint timestamp line is malformed.");
        }

        var sigLine = lines[5];
        if (!sigLine.StartsWith(SignatureDash, StringComparison.Ordinal))
        {
            throw new FormatException("The checkpoint signature line does not start with an em dash and a space.");
        }

        var parts = sigLine[SignatureDash.Length..].Split(' ');
        if (parts.Length != 2 || parts[0].Length == 0)
        {
            throw new FormatException("The checkpoint signature line must be a key name and a base64 signature.");
        }

        var blob = FromBase64(parts[1], 4 + 64, "signature");
        var checkpoint = new SignedCheckpoint(origin, size, root, DateTimeOffset.FromUnixTimeMilliseconds(ms), parts[0], BinaryPrimitives.ReadUInt32BigEndian(blob), blob[4..]);
        return checkpoint.ToNote() == note ? checkpoint : throw new FormatException("The checkpoint note is not in canonical form.");
    }

    /// <summary>Computes the C2SP key id of an Ed25519 public key.</summary>
    /// <param name="keyName">The key name.</param>
    /// <param name="publicKey">The 32-byte raw public key.</param>
    /// <returns>The 4-byte key id.</returns>
    public static uint ComputeKeyId(string keyName, ReadOnlySpan<byte> publicKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        var name = Encoding.UTF8.GetBytes(keyName);
        var buffer = new byte[name.Length + 2 + publicKey.Length];
        name.CopyTo(buffer, 0);
        buffer[name.Length] = 0x0A;
        buffer[name.Length + 1] = 0x01;
        publicKey.CopyTo(buffer.AsSpan(name.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(buffer));
    }

    /// <summary>Checks the signature with a trusted public key, and that the key name and id match it.</summary>
    /// <param name="publicKey">The 32-byte raw Ed25519 public key the verifier trusts.</param>
    /// <returns><see langword="true"/> when the signature is valid for that key.</returns>
    public bool Verify(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32 || ComputeKeyId(KeyName, publicKey) != KeyId)
        {
            return false;
        }

        var alg = SignatureAlgorithm.Ed25519;
        if (!NSec.Cryptography.PublicKey.TryImport(alg, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            return false;
        }

        return alg.Verify(key, Encoding.UTF8.GetBytes(Body), _signature);
    }

    /// <summary>Returns the note text (body, blank line, signature line).</summary>
    /// <returns>The note.</returns>
    public string ToNote()
    {
        var blob = new byte[4 + 64];
        BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
        _signature.CopyTo(blob, 4);
        return $"{Body}\n{SignatureDash}{KeyName} {Convert.ToBase64String(blob)}\n";
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Origin} size {TreeSize} root {Convert.ToHexStringLower(_rootHash)} at {Timestamp:O}";

    internal static SignedCheckpoint Sign(Key key, string keyName, uint keyId, string origin, long treeSize, byte[] rootHash, DateTimeOffset time)
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        var body = BuildBody(origin, treeSize, rootHash, at);
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes(body));
        return new SignedCheckpoint(origin, treeSize, rootHash, at, keyName, keyId, signature);
    }

    private static string BuildBody(string origin, long size, byte[] root, DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{origin}\n{size}\n{Convert.ToBase64String(root)}\n{TimestampPrefix}{time.ToUnixTimeMilliseconds()}\n");

    private static byte[] FromBase64(string text, int length, string what)
    {
        var buffer = new byte[length];
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != length || Convert.ToBase64String(buffer) != text)
        {
            throw new FormatException($"The checkpoint {what} is not {length} bytes of canonical base64.");
        }

        return buffer;
    }
}
