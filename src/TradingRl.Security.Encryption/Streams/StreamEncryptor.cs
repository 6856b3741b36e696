using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace TradingRl.Security.Encryption;

/// <summary>Chunked AEAD for streams, files and backups (a STREAM construction over AES-256-GCM or XChaCha20-Poly1305).</summary>
/// <remarks>
/// <para>Format version 1, integers big-endian:</para>
/// <code>
/// header   "TRLS" | version 1 | algorithm | 0x0000 | segment size (u32) | data key id (16) | salt (32) | nonce prefix (7 or 19)
/// segments ciphertext of min(segment size, rest) plaintext bytes + 16-byte tag, at least one segment (the last may be empty)
/// </code>
/// <para>Each stream gets its own key: HKDF-SHA256(data key, salt, "tradingrl.stream.v1" + the first 8 header bytes), so
/// segment nonces never meet another stream's. Segment i's nonce is the prefix, i as u32 and a flag byte (1 on the last
/// segment only). Every segment's associated data is SHA-256(header + context). A stream takes one message of the data
/// key's usage bound; at most 2^32 segments.</para>
/// </remarks>
public sealed class StreamEncryptor : IStreamEncryptor
{
    private const int FixedHeaderLength = 4 + 1 + 1 + 2 + 4 + 16 + 32;
    private const int SaltOffset = 4 + 1 + 1 + 2 + 4 + 16;
    private const int MinSegmentSize = 4096;
    private const int MaxSegmentSize = 16 * 1024 * 1024;
    private const int BatchSegments = 8;
    private static readonly byte[] Magic = "TRLS"u8.ToArray();

    private readonly KeyRing _ring;
    private readonly int _segmentSize;
    private readonly int _parallelism;

    /// <summary>Initializes the stream encryptor.</summary>
    /// <param name="ring">The key ring.</param>
    /// <param name="options">The settings (<see cref="EncryptionOptions.StreamSegmentSize"/>, <see cref="EncryptionOptions.FileParallelism"/>).</param>
    public StreamEncryptor(KeyRing ring, IOptions<EncryptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(options);
        _ring = ring;
        _segmentSize = Math.Clamp(options.Value.StreamSegmentSize, MinSegmentSize, MaxSegmentSize);
        _parallelism = options.Value.FileParallelism > 0 ? options.Value.FileParallelism : Environment.ProcessorCount;
    }

    /// <inheritdoc/>
    public async ValueTask<long> EncryptAsync(Stream source, Stream destination, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        using var state = Begin(context);
        await destination.WriteAsync(state.Header, cancellationToken).ConfigureAwait(false);
        var current = ArrayPool<byte>.Shared.Rent(_segmentSize);
        var next = ArrayPool<byte>.Shared.Rent(_segmentSize);
        var output = ArrayPool<byte>.Shared.Rent(_segmentSize + EnvelopeFormat.TagLength);
        long total = 0;
        try
        {
            var currentLength = await FillAsync(source, current.AsMemory(0, _segmentSize), cancellationToken).ConfigureAwait(false);
            for (uint index = 0; ; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var nextLength = currentLength < _segmentSize ? 0 : await FillAsync(source, next.AsMemory(0, _segmentSize), cancellationToken).ConfigureAwait(false);
                var last = nextLength == 0;
                var written = state.Seal(index, last, current.AsSpan(0, currentLength), output);
                await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                total += currentLength;
                progress?.Report(total);
                if (last)
                {
                    return total;
                }

                if (index == uint.MaxValue)
                {
                    throw new InvalidOperationException("A stream holds at most 2^32 segments; raise StreamSegmentSize or split the data.");
                }

                (current, next) = (next, current);
                currentLength = nextLength;
            }
        }
        finally
        {
            Return(current, next, output);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<long> DecryptAsync(Stream source, Stream destination, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var headerBuffer = new byte[FixedHeaderLength + 19];
        var read = await FillAsync(source, headerBuffer.AsMemory(0, 8), cancellationToken).ConfigureAwait(false);
        var headerLength = HeaderLength(headerBuffer.AsSpan(0, read));
        read += await FillAsync(source, headerBuffer.AsMemory(8, headerLength - 8), cancellationToken).ConfigureAwait(false);
        if (read != headerLength)
        {
            throw Tampered("the stream ends inside its header");
        }

        using var state = Open(headerBuffer.AsSpan(0, headerLength), context);
        var segment = state.SegmentSize + EnvelopeFormat.TagLength;
        var current = ArrayPool<byte>.Shared.Rent(segment);
        var next = ArrayPool<byte>.Shared.Rent(segment);
        var plaintext = ArrayPool<byte>.Shared.Rent(state.SegmentSize);
        long total = 0;
        try
        {
            var currentLength = await FillAsync(source, current.AsMemory(0, segment), cancellationToken).ConfigureAwait(false);
            for (uint index = 0; ; index++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (currentLength < EnvelopeFormat.TagLength)
                {
                    throw Tampered($"the stream ends before its last segment (segment {index} is missing or cut): it was truncated");
                }

                var nextLength = currentLength < segment ? 0 : await FillAsync(source, next.AsMemory(0, segment), cancellationToken).ConfigureAwait(false);
                var last = nextLength == 0;
                var length = state.Open(index, last, current.AsSpan(0, currentLength), plaintext);
                await destination.WriteAsync(plaintext.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                CryptographicOperations.ZeroMemory(plaintext.AsSpan(0, length));
                total += length;
                progress?.Report(total);
                if (last)
                {
                    return total;
                }

                (current, next) = (next, current);
                currentLength = nextLength;
            }
        }
        finally
        {
            Return(current, next, plaintext);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<long> EncryptFileAsync(string sourcePath, string destinationPath, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        using var input = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var length = RandomAccess.GetLength(input);
        var segments = Math.Max(1, (length + _segmentSize - 1) / _segmentSize);
        if (segments > 1L << 32)
        {
            throw new InvalidOperationException("A file holds at most 2^32 segments; raise StreamSegmentSize.");
        }

        using var state = Begin(context);
        var headerLength = state.Header.Length;
        await WriteFileAsync(destinationPath, headerLength + length + (segments * EnvelopeFormat.TagLength), async output =>
        {
            await RandomAccess.WriteAsync(output, state.Header, 0, cancellationToken).ConfigureAwait(false);
            await RunSegmentsAsync(segments, _segmentSize, _segmentSize + EnvelopeFormat.TagLength, progress, (index, plain, cipher) =>
            {
                var offset = index * _segmentSize;
                var count = (int)Math.Min(_segmentSize, length - offset);
                ReadExactly(input, plain.AsSpan(0, count), offset);
                var written = state.Seal((uint)index, index == segments - 1, plain.AsSpan(0, count), cipher);
                RandomAccess.Write(output, cipher.AsSpan(0, written), headerLength + (index * (_segmentSize + EnvelopeFormat.TagLength)));
                return count;
            }, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return length;
    }

    /// <inheritdoc/>
    public async ValueTask<long> DecryptFileAsync(string sourcePath, string destinationPath, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        using var input = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        var fileLength = RandomAccess.GetLength(input);
        var headerBuffer = new byte[FixedHeaderLength + 19];
        var read = RandomAccess.Read(input, headerBuffer.AsSpan(0, (int)Math.Min(headerBuffer.Length, fileLength)), 0);
        var headerLength = HeaderLength(headerBuffer.AsSpan(0, Math.Min(read, 8)));
        if (read < headerLength)
        {
            throw Tampered("the file ends inside its header");
        }

        using var state = Open(headerBuffer.AsSpan(0, headerLength), context);
        long segmentSize = state.SegmentSize;
        var stride = segmentSize + EnvelopeFormat.TagLength;
        var body = fileLength - headerLength;
        var segments = (body + stride - 1) / stride;
        var lastLength = body - ((segments - 1) * stride);
        if (segments == 0 || lastLength < EnvelopeFormat.TagLength)
        {
            throw Tampered("the file ends before its last segment: it was truncated or extended");
        }

        var plaintextLength = body - (segments * EnvelopeFormat.TagLength);
        await WriteFileAsync(destinationPath, plaintextLength, output => RunSegmentsAsync(segments, (int)stride, (int)segmentSize, progress, (index, cipher, plain) =>
        {
            var count = (int)Math.Min(stride, body - (index * stride));
            ReadExactly(input, cipher.AsSpan(0, count), headerLength + (index * stride));
            var length = state.Open((uint)index, index == segments - 1, cipher.AsSpan(0, count), plain);
            RandomAccess.Write(output, plain.AsSpan(0, length), index * segmentSize);
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, length));
            return length;
        }, cancellationToken), cancellationToken).ConfigureAwait(false);
        return plaintextLength;
    }

    private static DecryptionFailedException Tampered(string what, Guid? keyId = null) =>
        new(DecryptionFailureReason.StreamTampered, $"The encrypted stream was refused: {what}.", keyId);

    private static int HeaderLength(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < 8 || !prefix[..4].SequenceEqual(Magic))
        {
            throw new DecryptionFailedException(DecryptionFailureReason.Malformed, "The data is not an encrypted stream of this format (no TRLS header); it was truncated or is another format.");
        }

        if (prefix[4] != 1)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.UnsupportedVersion, $"The encrypted stream has format version {prefix[4]}; this library reads version 1 only.");
        }

        if (prefix[5] is not ((byte)AeadCipher.Aes256Gcm or (byte)AeadCipher.XChaCha20Poly1305) || prefix[6] != 0 || prefix[7] != 0)
        {
            throw new DecryptionFailedException(DecryptionFailureReason.UnsupportedAlgorithm, $"The encrypted stream names algorithm {prefix[5]} with flags {prefix[6]:x2}{prefix[7]:x2}, which format version 1 does not define.");
        }

        return FixedHeaderLength + EnvelopeFormat.GetNonceLength((AeadCipher)prefix[5]) - 5;
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var n = RandomAccess.Read(handle, buffer, offset);
            if (n == 0)
            {
                throw new IOException("The file became shorter while it was being read.");
            }

            buffer = buffer[n..];
            offset += n;
        }
    }

    private static async ValueTask<int> FillAsync(Stream source, Memory<byte> buffer, CancellationToken cancellationToken) =>
        await source.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);

    private static void Return(params byte[][] buffers)
    {
        foreach (var b in buffers)
        {
            CryptographicOperations.ZeroMemory(b);
            ArrayPool<byte>.Shared.Return(b);
        }
    }

    private static async Task WriteFileAsync(string destinationPath, long length, Func<Microsoft.Win32.SafeHandles.SafeFileHandle, Task> write, CancellationToken cancellationToken)
    {
        if (File.Exists(destinationPath))
        {
            throw new IOException($"The destination '{destinationPath}' exists; it is never overwritten.");
        }

        var temp = destinationPath + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) + ".partial";
        var options = OwnerOnlyFiles.Options(FileMode.CreateNew, FileAccess.ReadWrite);
        options.Options = FileOptions.Asynchronous;
        options.PreallocationSize = length;

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.SetLength(length);
                await write(stream.SafeFileHandle).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, destinationPath, overwrite: false);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private async Task RunSegmentsAsync(long segments, int inputSize, int outputSize, IProgress<long>? progress, Func<long, byte[], byte[], int> process, CancellationToken cancellationToken)
    {
        long done = 0;
        var batches = (segments + BatchSegments - 1) / BatchSegments;
        await Parallel.ForAsync(0L, batches, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken }, (batch, ct) =>
        {
            var input = ArrayPool<byte>.Shared.Rent(inputSize);
            var output = ArrayPool<byte>.Shared.Rent(outputSize);
            try
            {
                var end = Math.Min(segments, (batch + 1) * BatchSegments);
                long bytes = 0;
                for (var i = batch * BatchSegments; i < end; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    bytes += process(i, input, output);
                }

                progress?.Report(Interlocked.Add(ref done, bytes));
                return ValueTask.CompletedTask;
            }
            finally
            {
                Return(input, output);
            }
        }).ConfigureAwait(false);
    }

    private Segmenter Begin(ReadOnlyMemory<byte> context)
    {
        var cipher = _ring.Cipher;
        var key = _ring.AcquireForEncryption();
        var header = new byte[FixedHeaderLength + EnvelopeFormat.GetNonceLength(cipher) - 5];
        Magic.CopyTo(header, 0);
        header[4] = 1;
        header[5] = (byte)cipher;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(8), (uint)_segmentSize);
        _ = key.Id.TryWriteBytes(header.AsSpan(12, 16), bigEndian: true, out _);
        RandomNumberGenerator.Fill(header.AsSpan(SaltOffset));
        return new Segmenter(cipher, key.Material, header, context.Span, _segmentSize);
    }

    private Segmenter Open(ReadOnlySpan<byte> header, ReadOnlyMemory<byte> context)
    {
        var cipher = (AeadCipher)header[5];
        var segmentSize = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        if (segmentSize is < MinSegmentSize or > MaxSegmentSize)
        {
            throw Tampered($"its segment size {segmentSize} is outside {MinSegmentSize} to {MaxSegmentSize}");
        }

        var key = _ring.GetForDecryption(new Guid(header.Slice(12, 16), bigEndian: true));
        return new Segmenter(cipher, key.Material, header.ToArray(), context.Span, (int)segmentSize);
    }

    /// <summary>One stream's derived key, associated data and nonce prefix.</summary>
    private sealed class Segmenter : IDisposable
    {
        private readonly AeadAlgorithm _algorithm;
        private readonly Key _key;
        private readonly byte[] _associatedData = new byte[32];
        private readonly byte[] _prefix;

        public Segmenter(AeadCipher cipher, ReadOnlySpan<byte> dataKey, byte[] header, ReadOnlySpan<byte> context, int segmentSize)
        {
            if (!AeadCore.IsSupported(cipher))
            {
                throw new DecryptionFailedException(DecryptionFailureReason.UnsupportedAlgorithm, $"The stream was encrypted with {cipher}, which this CPU does not support.");
            }

            Header = header;
            SegmentSize = segmentSize;
            _algorithm = AeadCore.Algorithm(cipher);
            _prefix = header[FixedHeaderLength..];
            Span<byte> info = stackalloc byte[19 + 8];
            "tradingrl.stream.v1"u8.CopyTo(info);
            header.AsSpan(0, 8).CopyTo(info[19..]);
            Span<byte> streamKey = stackalloc byte[32];
            Hkdf.DeriveKey(dataKey, header.AsSpan(SaltOffset, 32), info, streamKey);
            _key = Key.Import(_algorithm, streamKey, KeyBlobFormat.RawSymmetricKey);
            CryptographicOperations.ZeroMemory(streamKey);
            using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(header);
            hash.AppendData(context);
            hash.GetHashAndReset(_associatedData);
        }

        public byte[] Header { get; }

        public int SegmentSize { get; }

        public int Seal(uint index, bool last, ReadOnlySpan<byte> plaintext, Span<byte> output)
        {
            Span<byte> nonce = stackalloc byte[24];
            nonce = Nonce(nonce, index, last);
            var length = plaintext.Length + EnvelopeFormat.TagLength;
            _algorithm.Encrypt(_key, nonce, _associatedData, plaintext, output[..length]);
            return length;
        }

        public int Open(uint index, bool last, ReadOnlySpan<byte> ciphertext, Span<byte> plaintext)
        {
            Span<byte> nonce = stackalloc byte[24];
            nonce = Nonce(nonce, index, last);
            var length = ciphertext.Length - EnvelopeFormat.TagLength;
            if (length < 0 || length > SegmentSize || !_algorithm.Decrypt(_key, nonce, _associatedData, ciphertext, plaintext[..length]))
            {
                CryptographicOperations.ZeroMemory(plaintext[..Math.Max(0, Math.Min(length, plaintext.Length))]);
                throw Tampered($"segment {index} failed authentication ({(last ? "read as the last" : "not the last")}): the stream was truncated, reordered, duplicated, extended or altered, or the context differs");
            }

            return length;
        }

        public void Dispose() => _key.Dispose();

        private Span<byte> Nonce(Span<byte> buffer, uint index, bool last)
        {
            var nonce = buffer[..(_prefix.Length + 5)];
            _prefix.CopyTo(nonce);
            BinaryPrimitives.WriteUInt32BigEndian(nonce[_prefix.Length..], index);
            nonce[^1] = last ? (byte)1 : (byte)0;
            return nonce;
        }
    }
}
