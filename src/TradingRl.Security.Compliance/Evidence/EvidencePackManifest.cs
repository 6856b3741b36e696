using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The manifest of an evidence pack: each file with its hash and sequence numbers, and the signed audit checkpoint that covers them.</summary>
/// <remarks>Immutable. <see cref="FilesDigest"/> is also in the pack's own audit record (<see cref="PackRecordData"/>), which <see cref="InclusionProof"/> proves is in the tree the <see cref="Checkpoint"/> signs.</remarks>
public sealed class EvidencePackManifest
{
    private readonly byte[] _packRecordData;

    /// <summary>Initializes a manifest.</summary>
    /// <param name="from">The period start, inclusive.</param>
    /// <param name="to">The period end, exclusive.</param>
    /// <param name="generatedAt">When the pack was written.</param>
    /// <param name="files">The files.</param>
    /// <param name="filesDigest">The hex SHA-256 of the file listing (see <see cref="DigestFiles"/>).</param>
    /// <param name="packRecordSequence">The sequence number of the pack's own <c>compliance.evidence.pack</c> audit record.</param>
    /// <param name="packRecordData">That record's canonical bytes (its Merkle leaf data).</param>
    /// <param name="inclusionProof">The audit path from that record to the checkpoint's root.</param>
    /// <param name="checkpoint">The signed checkpoint covering every listed sequence number and the pack record.</param>
    /// <param name="verifierKey">The audit log's verifier key, for information; a verifier must trust a key obtained separately.</param>
    public EvidencePackManifest(
        DateTimeOffset from, DateTimeOffset to, DateTimeOffset generatedAt, IReadOnlyList<EvidenceFile> files, string filesDigest,
        long packRecordSequence, ReadOnlySpan<byte> packRecordData, IReadOnlyList<byte[]> inclusionProof, SignedCheckpoint checkpoint, string verifierKey)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentException.ThrowIfNullOrEmpty(filesDigest);
        ArgumentNullException.ThrowIfNull(inclusionProof);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentException.ThrowIfNullOrEmpty(verifierKey);
        From = from;
        To = to;
        GeneratedAt = generatedAt;
        Files = files;
        FilesDigest = filesDigest;
        PackRecordSequence = packRecordSequence;
        _packRecordData = packRecordData.ToArray();
        InclusionProof = inclusionProof;
        Checkpoint = checkpoint;
        VerifierKey = verifierKey;
    }

    /// <summary>Gets the period start, inclusive.</summary>
    public DateTimeOffset From { get; }

    /// <summary>Gets the period end, exclusive.</summary>
    public DateTimeOffset To { get; }

    /// <summary>Gets when the pack was written.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>Gets the files.</summary>
    public IReadOnlyList<EvidenceFile> Files { get; }

    /// <summary>Gets the hex SHA-256 of the file listing.</summary>
    public string FilesDigest { get; }

    /// <summary>Gets the sequence number of the pack's own audit record.</summary>
    public long PackRecordSequence { get; }

    /// <summary>Gets that record's canonical bytes.</summary>
    public ReadOnlyMemory<byte> PackRecordData => _packRecordData;

    /// <summary>Gets the audit path from the pack record to the checkpoint's root.</summary>
    public IReadOnlyList<byte[]> InclusionProof { get; }

    /// <summary>Gets the signed checkpoint.</summary>
    public SignedCheckpoint Checkpoint { get; }

    /// <summary>Gets the log's verifier key as the writer saw it.</summary>
    public string VerifierKey { get; }

    /// <summary>Computes the digest of a file listing: SHA-256 over <c>path LF sha256 LF</c> for each file, ordered by path.</summary>
    /// <param name="files">The files.</param>
    /// <returns>The lower-case hex digest.</returns>
    public static string DigestFiles(IEnumerable<EvidenceFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var sb = new StringBuilder("tradingrl.evidence-files.v1\n");
        foreach (var f in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            sb.Append(f.Path).Append('\n').Append(f.Sha256).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>Reads a manifest from its JSON.</summary>
    /// <param name="json">The bytes of <c>manifest.json</c>.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="FormatException">The JSON is not a version-1 evidence manifest.</exception>
    public static EvidencePackManifest Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.GetProperty("format").GetString() != EvidencePackWriter.Format)
            {
                throw new FormatException($"The manifest is not in the {EvidencePackWriter.Format} format.");
            }

            var files = root.GetProperty("files").EnumerateArray().Select(f => new EvidenceFile(
                f.GetProperty("path").GetString()!,
                f.GetProperty("sha256").GetString()!,
                f.GetProperty("bytes").GetInt64(),
                [.. f.GetProperty("sequences").EnumerateArray().Select(s => s.GetInt64())])).ToList();
            var pack = root.GetProperty("pack_record");
            return new EvidencePackManifest(
                root.GetProperty("from").GetDateTimeOffset(),
                root.GetProperty("to").GetDateTimeOffset(),
                root.GetProperty("generated_at").GetDateTimeOffset(),
                files,
                root.GetProperty("files_digest").GetString()!,
                pack.GetProperty("sequence").GetInt64(),
                pack.GetProperty("data").GetBytesFromBase64(),
                [.. pack.GetProperty("inclusion_proof").EnumerateArray().Select(p => Convert.FromHexString(p.GetString()!))],
                SignedCheckpoint.Parse(root.GetProperty("checkpoint").GetString()!),
                root.GetProperty("verifier_key").GetString()!);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("manifest.json is not a valid evidence-pack manifest: " + ex.Message, ex);
        }
    }

    /// <summary>Writes the manifest as indented UTF-8 JSON.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", EvidencePackWriter.Format);
            w.WriteString("from", From);
            w.WriteString("to", To);
            w.WriteString("generated_at", GeneratedAt);
            w.WriteStartArray("files");
            foreach (var f in Files)
            {
                w.WriteStartObject();
                w.WriteString("path", f.Path);
                w.WriteString("sha256", f.Sha256);
                w.WriteNumber("bytes", f.Length);
                w.WriteStartArray("sequences");
                foreach (var s in f.Sequences)
                {
                    w.WriteNumberValue(s);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("files_digest", FilesDigest);
            w.WriteStartObject("pack_record");
            w.WriteNumber("sequence", PackRecordSequence);
            w.WriteBase64String("data", _packRecordData);
            w.WriteStartArray("inclusion_proof");
            foreach (var p in InclusionProof)
            {
                w.WriteStringValue(Convert.ToHexStringLower(p));
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("checkpoint", Checkpoint.ToNote());
            w.WriteString("verifier_key", VerifierKey);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
