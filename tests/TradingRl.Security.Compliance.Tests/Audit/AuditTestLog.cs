using System.Buffers.Binary;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Tests.Audit;

/// <summary>Makes audit trails over temporary directories and reads segment frames for the tamper tests.</summary>
internal sealed class AuditTestLog : IDisposable
{
    public AuditTestLog()
    {
        Directory = Path.Combine(Path.GetTempPath(), "audit-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));

    public string Segment => System.IO.Directory.GetFiles(Path.Combine(Directory, "segments"), "*.seg").Order(StringComparer.Ordinal).First();

    public static SecurityEvent Event(int i, string actor = "agent-1", string? correlation = null) =>
        new(AuditEventTypes.OrderChecked.Type, SecuritySeverity.Info, new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero).AddSeconds(i))
        {
            Actor = actor,
            Resource = $"order/{i}",
            CorrelationId = correlation ?? $"c-{i}",
            Outcome = i % 3 == 0 ? SecurityOutcome.Denied : SecurityOutcome.Success,
            Properties = new Dictionary<string, string> { ["symbol"] = "XYZ", ["qty"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    public AuditTrail Open(Action<AuditTrailOptions>? configure = null, ISecretProtector? protector = null)
    {
        var options = new AuditTrailOptions { Directory = Directory, CheckpointInterval = TimeSpan.Zero, SegmentSize = 64 * 1024 };
        configure?.Invoke(options);
        return new AuditTrail(new FileAuditStore(Directory, options.Durability, options.SegmentSize), Options.Create(options), Time, protector: protector);
    }

    /// <summary>Writes <paramref name="count"/> records one by one (one group each), signs a checkpoint and closes the log.</summary>
    public async Task<SignedCheckpoint> WriteAsync(int count)
    {
        await using var trail = Open();
        for (var i = 0; i < count; i++)
        {
            await trail.AppendAsync(Event(i));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return await trail.CheckpointAsync();
    }

    public async Task<AuditVerificationResult> VerifyAsync(IEnumerable<SignedCheckpoint>? trusted = null)
    {
        var (_, publicKey) = AuditSigningKey.ReadVerifierKey(Path.Combine(Directory, AuditSigningKey.PublicKeyFile));
        await using var store = new FileAuditStore(Directory);
        return await AuditLogVerifier.VerifyAsync(store, publicKey, trusted);
    }

    /// <summary>Lists the frames of a segment: offset, total length, whether a commit.</summary>
    public static List<(int Offset, int Length, bool IsCommit)> Frames(byte[] data)
    {
        var list = new List<(int, int, bool)>();
        var o = 24;
        while (o + 8 <= data.Length)
        {
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(o));
            var len = (int)BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(o + 4));
            var total = 8 + len + 32;
            list.Add((o, total, magic == 0x31435254));
            o += total;
        }

        return list;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
