using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Encryption.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StreamEncryptorTests : IDisposable
{
    private const int Segment = 4096;
    private const int Stride = Segment + 16;
    private const int HeaderLength = 67;
    private static readonly byte[] Context = "backup/2026-01-05"u8.ToArray();
    private readonly KeyRing _ring = TestKeys.Ring();
    private readonly StreamEncryptor _streams;

    public StreamEncryptorTests()
    {
        _streams = new StreamEncryptor(_ring, Options.Create(new EncryptionOptions { StreamSegmentSize = Segment, FileParallelism = 2 }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Segment - 1)]
    [InlineData(Segment)]
    [InlineData(Segment + 1)]
    [InlineData((3 * Segment) + 17)]
    public async Task EncryptAsync_ThenDecryptAsync_RoundTripsWithExpectedLength(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);

        var ciphertext = await Encrypt(plaintext);
        var segments = Math.Max(1, (length + Segment - 1) / Segment);

        Assert.Equal(HeaderLength + length + (16 * segments), ciphertext.Length);
        Assert.Equal(plaintext, await Decrypt(ciphertext));
    }

    [Fact]
    public async Task DecryptAsync_LastSegmentDropped_RefusedAsTampered()
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes(3 * Segment));

        await AssertTampered(ciphertext[..(HeaderLength + (2 * Stride))]);
    }

    [Fact]
    public async Task DecryptAsync_TruncatedAnywhere_Refused()
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes((2 * Segment) + 100));

        foreach (var cut in new[] { 0, 7, HeaderLength - 1, HeaderLength, HeaderLength + 15, HeaderLength + Stride, ciphertext.Length - 1 })
        {
            await Assert.ThrowsAsync<DecryptionFailedException>(() => Decrypt(ciphertext[..cut]));
        }
    }

    [Fact]
    public async Task DecryptAsync_SegmentsReordered_RefusedAsTampered()
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes(3 * Segment));
        var swapped = (byte[])ciphertext.Clone();
        ciphertext.AsSpan(HeaderLength, Stride).CopyTo(swapped.AsSpan(HeaderLength + Stride));
        ciphertext.AsSpan(HeaderLength + Stride, Stride).CopyTo(swapped.AsSpan(HeaderLength));

        await AssertTampered(swapped);
    }

    [Fact]
    public async Task DecryptAsync_SegmentDuplicated_RefusedAsTampered()
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes(3 * Segment));
        var duplicated = ciphertext[..(HeaderLength + Stride)].Concat(ciphertext[HeaderLength..]).ToArray();

        await AssertTampered(duplicated);
    }

    [Fact]
    public async Task DecryptAsync_MiddleSegmentDropped_RefusedAsTampered()
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes(3 * Segment));
        var dropped = ciphertext[..(HeaderLength + Stride)].Concat(ciphertext[(HeaderLength + (2 * Stride))..]).ToArray();

        await AssertTampered(dropped);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(Stride)]
    public async Task DecryptAsync_DataAppended_RefusedAsTampered(int extra)
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes(2 * Segment));
        var appended = ciphertext.Concat(ciphertext[^Math.Min(extra, Stride)..]).ToArray();

        await Assert.ThrowsAsync<DecryptionFailedException>(() => Decrypt(appended));
    }

    [Fact]
    public async Task DecryptAsync_SegmentFromAnotherStream_Refused()
    {
        var plaintext = RandomNumberGenerator.GetBytes(2 * Segment);
        var a = await Encrypt(plaintext);
        var b = await Encrypt(plaintext);
        var mixed = a[..(HeaderLength + Stride)].Concat(b[(HeaderLength + Stride)..]).ToArray();

        await AssertTampered(mixed);
    }

    [Fact]
    public async Task DecryptAsync_EveryHeaderByteChanged_RefusedAndNoPlaintextWritten()
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes(100));
        for (var i = 0; i < HeaderLength; i++)
        {
            var tampered = (byte[])ciphertext.Clone();
            tampered[i] ^= 0x01;
            using var output = new MemoryStream();
            await Assert.ThrowsAsync<DecryptionFailedException>(async () => await _streams.DecryptAsync(new MemoryStream(tampered), output, Context));
            Assert.Equal(0, output.Length);
        }
    }

    [Fact]
    public async Task DecryptAsync_WrongContext_RefusedWithoutPlaintext()
    {
        var ciphertext = await Encrypt(RandomNumberGenerator.GetBytes(100));
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<DecryptionFailedException>(async () => await _streams.DecryptAsync(new MemoryStream(ciphertext), output, "other"u8.ToArray()));

        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task EncryptAsync_ReportsProgressAndHonoursCancellation()
    {
        var reports = new List<long>();
        var progress = new SyncProgress(reports.Add);
        using var output = new MemoryStream();

        await _streams.EncryptAsync(new MemoryStream(new byte[(2 * Segment) + 5]), output, Context, progress);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Equal([Segment, 2 * Segment, (2 * Segment) + 5], reports);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _streams.EncryptAsync(new MemoryStream(new byte[10]), new MemoryStream(), Context, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task EncryptFileAsync_Parallel_RoundTripsAndReadableByStreamDecrypt()
    {
        using var dir = new TempDirectory();
        var plaintext = RandomNumberGenerator.GetBytes((37 * Segment) + 123);
        await File.WriteAllBytesAsync(dir.Combine("plain.bin"), plaintext);
        long last = 0;

        await _streams.EncryptFileAsync(dir.Combine("plain.bin"), dir.Combine("backup.enc"), Context, new SyncProgress(p => last = Math.Max(last, p)));
        await _streams.DecryptFileAsync(dir.Combine("backup.enc"), dir.Combine("restored.bin"), Context);

        Assert.Equal(plaintext.Length, last);
        Assert.Equal(plaintext, await File.ReadAllBytesAsync(dir.Combine("restored.bin")));
        Assert.Equal(plaintext, await Decrypt(await File.ReadAllBytesAsync(dir.Combine("backup.enc"))));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Combine("restored.bin")));
    }

    [Fact]
    public async Task EncryptFileAsync_EmptyFile_RoundTrips()
    {
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(dir.Combine("empty"), []);

        await _streams.EncryptFileAsync(dir.Combine("empty"), dir.Combine("empty.enc"), Context);
        await _streams.DecryptFileAsync(dir.Combine("empty.enc"), dir.Combine("empty.out"), Context);

        Assert.Equal(HeaderLength + 16, new FileInfo(dir.Combine("empty.enc")).Length);
        Assert.Empty(await File.ReadAllBytesAsync(dir.Combine("empty.out")));
    }

    [Fact]
    public async Task DecryptFileAsync_TamperedSegment_RefusedAndNothingLeftAtDestination()
    {
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(dir.Combine("plain.bin"), RandomNumberGenerator.GetBytes(20 * Segment));
        await _streams.EncryptFileAsync(dir.Combine("plain.bin"), dir.Combine("backup.enc"), Context);
        var bytes = await File.ReadAllBytesAsync(dir.Combine("backup.enc"));
        bytes[HeaderLength + (13 * Stride) + 5] ^= 1;
        await File.WriteAllBytesAsync(dir.Combine("tampered.enc"), bytes);
        await File.WriteAllBytesAsync(dir.Combine("truncated.enc"), bytes[..^Stride]);

        await Assert.ThrowsAsync<DecryptionFailedException>(async () => await _streams.DecryptFileAsync(dir.Combine("tampered.enc"), dir.Combine("out1"), Context));
        await Assert.ThrowsAsync<DecryptionFailedException>(async () => await _streams.DecryptFileAsync(dir.Combine("truncated.enc"), dir.Combine("out2"), Context));

        Assert.False(File.Exists(dir.Combine("out1")));
        Assert.False(File.Exists(dir.Combine("out2")));
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".partial", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EncryptFileAsync_DestinationExists_RefusedWithoutOverwriting()
    {
        using var dir = new TempDirectory();
        await File.WriteAllBytesAsync(dir.Combine("plain.bin"), [1, 2, 3]);
        await File.WriteAllBytesAsync(dir.Combine("exists"), [9]);

        await Assert.ThrowsAsync<IOException>(async () => await _streams.EncryptFileAsync(dir.Combine("plain.bin"), dir.Combine("exists"), Context));

        Assert.Equal([9], await File.ReadAllBytesAsync(dir.Combine("exists")));
    }

    [Fact]
    public async Task DecryptAsync_RevokedKey_Refused()
    {
        var ciphertext = await Encrypt([1, 2, 3]);
        _ring.Revoke(_ring.CurrentKeyId);

        var ex = await Assert.ThrowsAsync<DecryptionFailedException>(() => Decrypt(ciphertext));

        Assert.Equal(DecryptionFailureReason.RevokedKey, ex.Reason);
    }

    public void Dispose() => _ring.Dispose();

    private async Task<byte[]> Encrypt(byte[] plaintext)
    {
        using var output = new MemoryStream();
        await _streams.EncryptAsync(new MemoryStream(plaintext), output, Context);
        return output.ToArray();
    }

    private async Task<byte[]> Decrypt(byte[] ciphertext)
    {
        using var output = new MemoryStream();
        await _streams.DecryptAsync(new MemoryStream(ciphertext), output, Context);
        return output.ToArray();
    }

    private async Task AssertTampered(byte[] ciphertext)
    {
        var ex = await Assert.ThrowsAsync<DecryptionFailedException>(() => Decrypt(ciphertext));
        Assert.Equal(DecryptionFailureReason.StreamTampered, ex.Reason);
    }

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
