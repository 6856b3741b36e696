using System.Security.Cryptography;
using System.Text.Json;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Verifies an evidence pack offline with the audit log's public key, and optionally against the live audit trail.</summary>
/// <remarks>
/// Checks: every file's SHA-256 and length against the manifest, no unlisted file, the listing digest, the pack record's digest and inclusion
/// in the checkpoint's tree, the checkpoint's Ed25519 signature under the trusted key, and that the checkpoint covers every listed sequence
/// number. With the trail, also that its root at the checkpoint's size equals the signed root.
/// </remarks>
public static class EvidencePackVerifier
{
    /// <summary>Verifies a pack.</summary>
    /// <param name="directory">The pack folder.</param>
    /// <param name="publicKey">The audit log's 32-byte Ed25519 public key, obtained separately from the pack (e.g. <see cref="AuditTrail.PublicKey"/>).</param>
    /// <param name="trail">The live audit trail, to check the signed root against; <see langword="null"/> for offline checks only.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <returns>The result, listing every problem found.</returns>
    /// <exception cref="ArgumentException">The public key is not 32 bytes.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async ValueTask<EvidencePackVerification> VerifyAsync(string directory, ReadOnlyMemory<byte> publicKey, AuditTrail? trail = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (publicKey.Length != 32)
        {
            throw new ArgumentException("An Ed25519 public key is 32 bytes long.", nameof(publicKey));
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)); // "pack/" (shell completion) is the same folder
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The evidence pack folder '{root}' does not exist.");
        }

        var problems = new List<string>();
        EvidencePackManifest manifest;
        try
        {
            manifest = EvidencePackManifest.Parse(await File.ReadAllBytesAsync(Path.Combine(root, EvidencePackWriter.ManifestFile), cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException)
        {
            return new EvidencePackVerification([ex is FileNotFoundException ? "The pack has no manifest.json." : ex.Message], 0, null);
        }

        var checkedFiles = await CheckFilesAsync(root, manifest, problems, cancellationToken).ConfigureAwait(false);
        var checkpoint = manifest.Checkpoint;
        if (!checkpoint.Verify(publicKey.Span))
        {
            problems.Add("The checkpoint's signature does not verify with the trusted public key.");
        }

        if (EvidencePackManifest.DigestFiles(manifest.Files) != manifest.FilesDigest)
        {
            problems.Add("The manifest's file listing does not match its files_digest: the manifest was edited.");
        }

        CheckPackRecord(manifest, problems);
        var maxSequence = manifest.Files.SelectMany(f => f.Sequences).DefaultIfEmpty(-1).Max();
        if (maxSequence >= checkpoint.TreeSize || manifest.PackRecordSequence <= maxSequence)
        {
            problems.Add($"The checkpoint (tree size {checkpoint.TreeSize}) does not cover every listed sequence number (up to {maxSequence}) before the pack record #{manifest.PackRecordSequence}.");
        }

        if (trail is not null)
        {
            // On a shared log another host may have written the pack: fold its records in before comparing sizes.
            var live = checkpoint.TreeSize > trail.Count ? await trail.SynchronizeAsync(cancellationToken).ConfigureAwait(false) : trail.Count;
            if (checkpoint.TreeSize > live)
            {
                problems.Add($"The live audit trail holds {live} records, fewer than the pack's signed checkpoint ({checkpoint.TreeSize}): records were removed after the pack was sealed, or the pack is from another log.");
            }
            else if (!CryptographicOperations.FixedTimeEquals(trail.GetRootHash(checkpoint.TreeSize), checkpoint.RootHash.Span))
            {
                problems.Add($"The live audit trail's root at size {checkpoint.TreeSize} differs from the signed one: the trail or the pack was rewritten.");
            }
        }

        return new EvidencePackVerification(problems, checkedFiles, checkpoint.TreeSize);
    }

    private static async ValueTask<int> CheckFilesAsync(string root, EvidencePackManifest manifest, List<string> problems, CancellationToken cancellationToken)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { EvidencePackWriter.ManifestFile, EvidencePackWriter.CheckpointFile };
        var count = 0;
        foreach (var f in manifest.Files)
        {
            var full = Path.GetFullPath(Path.Combine(root, f.Path));
            if (Path.IsPathRooted(f.Path) || !full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"The manifest lists '{f.Path}', which is outside the pack.");
                continue;
            }

            listed.Add(f.Path);
            if (!File.Exists(full))
            {
                problems.Add($"The file '{f.Path}' is missing.");
                continue;
            }

            var bytes = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
            count++;
            if (bytes.LongLength != f.Length || Convert.ToHexStringLower(SHA256.HashData(bytes)) != f.Sha256)
            {
                problems.Add($"The file '{f.Path}' does not match its SHA-256 in the manifest: it was changed.");
                continue;
            }

            CheckSequences(f, bytes, problems);
        }

        foreach (var extra in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p).Replace(Path.DirectorySeparatorChar, '/')).Where(p => !listed.Contains(p)))
        {
            problems.Add($"The file '{extra}' is not listed in the manifest.");
        }

        var note = Path.Combine(root, EvidencePackWriter.CheckpointFile);
        if (!File.Exists(note) || await File.ReadAllTextAsync(note, cancellationToken).ConfigureAwait(false) != manifest.Checkpoint.ToNote())
        {
            problems.Add("checkpoint.note is missing or differs from the manifest's checkpoint.");
        }

        return count;
    }

    private static void CheckSequences(EvidenceFile file, byte[] bytes, List<string> problems)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var inFile = doc.RootElement.GetProperty("sequences").EnumerateArray().Select(s => s.GetInt64());
            if (!inFile.SequenceEqual(file.Sequences))
            {
                problems.Add($"The sequence numbers in '{file.Path}' differ from those the manifest lists.");
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problems.Add($"The file '{file.Path}' is not a valid evidence file.");
        }
    }

    private static void CheckPackRecord(EvidencePackManifest manifest, List<string> problems)
    {
        AuditRecord record;
        try
        {
            record = AuditRecord.Parse(manifest.PackRecordData.Span);
        }
        catch (FormatException)
        {
            problems.Add("The pack record's bytes are not a canonical audit record.");
            return;
        }

        if (record.Sequence != manifest.PackRecordSequence || record.Type != EvidenceEventTypes.EvidencePackWritten.Type ||
            record.Properties.GetValueOrDefault("files_digest") != manifest.FilesDigest)
        {
            problems.Add("The pack's audit record does not carry this manifest's files_digest: the manifest or its files were changed after the pack was sealed.");
        }

        var leaf = MerkleHash.Leaf(manifest.PackRecordData.Span);
        var path = manifest.InclusionProof.Select(p => (ReadOnlyMemory<byte>)p).ToList();
        if (!MerkleProofVerifier.VerifyInclusion(manifest.PackRecordSequence, manifest.Checkpoint.TreeSize, leaf, path, manifest.Checkpoint.RootHash.Span))
        {
            problems.Add($"The pack record #{manifest.PackRecordSequence} is not proven to be in the tree the checkpoint signs.");
        }
    }
}
