using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Writes the evidence pack of a period: one folder per control family, each file listing the audit sequence numbers it is drawn from, and a manifest bound to a signed audit checkpoint.</summary>
/// <remarks>
/// <para>Layout: <c>&lt;family&gt;/records.json</c> for each of <c>access-reviews</c>, <c>change-management</c>, <c>encryption</c>, <c>authentication</c>,
/// <c>incidents</c>, <c>risk-and-kill-switch</c> and <c>trade-reporting</c>; <c>manifest.json</c>; <c>checkpoint.note</c>.</para>
/// <para>Binding: the SHA-256 of the file listing (each file's path and SHA-256) is appended to the audit trail as a
/// <c>compliance.evidence.pack</c> record; a checkpoint is then signed over the log, and the manifest carries that record's canonical bytes and
/// its inclusion proof. <see cref="EvidencePackVerifier"/> checks all of it with the log's public key alone. Protected (classified) properties are
/// listed by name only, never decrypted. The pack is written to a temporary folder and moved into place, so a reader never sees half a pack.</para>
/// </remarks>
public sealed class EvidencePackWriter
{
    /// <summary>The manifest's format name.</summary>
    public const string Format = "tradingrl.evidence-pack.v1";

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>The file name of the signed checkpoint, in C2SP signed-note form.</summary>
    public const string CheckpointFile = "checkpoint.note";

    private readonly AuditTrail _trail;
    private readonly EvidenceOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Initializes the writer.</summary>
    /// <param name="trail">The audit trail the evidence is drawn from and bound to.</param>
    /// <param name="options">The settings.</param>
    /// <param name="timeProvider">The clock; the system clock when omitted.</param>
    public EvidencePackWriter(AuditTrail trail, IOptions<EvidenceOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(options);
        _trail = trail;
        _options = options.Value;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Writes the evidence pack of the records recorded from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive).</summary>
    /// <param name="from">The period start.</param>
    /// <param name="to">The period end; after <paramref name="from"/>.</param>
    /// <param name="directory">The pack folder; must not exist yet or be empty.</param>
    /// <param name="cancellationToken">Cancels the writing; nothing is left in <paramref name="directory"/>.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The period is empty or reversed.</exception>
    /// <exception cref="IOException">The folder exists and is not empty, or cannot be written.</exception>
    /// <exception cref="InvalidOperationException">The period holds more than <see cref="EvidenceOptions.MaxRecords"/> records.</exception>
    public async ValueTask<EvidencePackManifest> WriteAsync(DateTimeOffset from, DateTimeOffset to, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new IOException($"The evidence pack folder '{target}' exists and is not empty; choose a new folder so an earlier pack is never overwritten.");
        }

        var records = await AuditPeriodReader.ReadAsync(_trail, from, to, _options.MaxRecords, null, cancellationToken).ConfigureAwait(false);
        var staging = target + ".partial-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        Directory.CreateDirectory(staging);
        try
        {
            var files = new List<EvidenceFile>();
            foreach (var family in EvidenceFamilies.All)
            {
                var selected = records.Where(family.Matches).ToList();
                var bytes = FamilyJson(family, selected, from, to);
                var path = family.Folder + "/records.json";
                Directory.CreateDirectory(Path.Combine(staging, family.Folder));
                await File.WriteAllBytesAsync(Path.Combine(staging, family.Folder, "records.json"), bytes, cancellationToken).ConfigureAwait(false);
                files.Add(new EvidenceFile(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.LongLength, [.. selected.Select(r => r.Sequence)]));
            }

            var digest = EvidencePackManifest.DigestFiles(files);
            var pack = new SecurityEvent(EvidenceEventTypes.EvidencePackWritten.Type, EvidenceEventTypes.EvidencePackWritten.DefaultSeverity, _time.GetUtcNow())
            {
                Actor = "compliance.evidence",
                Resource = "evidence/" + Path.GetFileName(target),
                Outcome = SecurityOutcome.Success,
                Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["files_digest"] = digest,
                    ["from"] = from.ToString("O", CultureInfo.InvariantCulture),
                    ["to"] = to.ToString("O", CultureInfo.InvariantCulture),
                    ["files"] = files.Count.ToString(CultureInfo.InvariantCulture),
                    ["records"] = records.Count.ToString(CultureInfo.InvariantCulture),
                },
            };
            var appended = await _trail.AppendAsync(pack, cancellationToken).ConfigureAwait(false);
            var checkpoint = await _trail.CheckpointAsync(cancellationToken).ConfigureAwait(false);
            var data = await _trail.ReadCanonicalAsync(appended.Sequence, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The evidence pack's own audit record #{appended.Sequence} could not be read back.");
            var proof = _trail.GetInclusionProof(appended.Sequence, checkpoint.TreeSize);
            var manifest = new EvidencePackManifest(from, to, _time.GetUtcNow(), files, digest, appended.Sequence, data, proof.Path.Select(p => p.ToArray()).ToList(), checkpoint, _trail.VerifierKey);
            await File.WriteAllTextAsync(Path.Combine(staging, CheckpointFile), checkpoint.ToNote(), cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(staging, ManifestFile), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return manifest;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static byte[] FamilyJson(EvidenceFamily family, List<AuditRecord> records, DateTimeOffset from, DateTimeOffset to)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("family", family.Folder);
            w.WriteString("control", family.Control);
            w.WriteString("from", from);
            w.WriteString("to", to);
            w.WriteStartArray("event_types");
            foreach (var t in family.Types)
            {
                w.WriteStringValue(t);
            }

            w.WriteEndArray();
            w.WriteStartArray("sequences");
            foreach (var r in records)
            {
                w.WriteNumberValue(r.Sequence);
            }

            w.WriteEndArray();
            if (family.Summary is not null)
            {
                w.WriteStartObject("summary");
                family.Summary(w, records, to);
                w.WriteEndObject();
            }

            w.WriteStartArray("records");
            foreach (var r in records)
            {
                AuditRecordJson.Write(w, r);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
