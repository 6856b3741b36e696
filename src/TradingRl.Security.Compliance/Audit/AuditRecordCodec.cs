using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>The canonical binary encoding of an <see cref="AuditRecord"/> (format version 1), which is the Merkle leaf data.</summary>
/// <remarks>
/// Little-endian. Layout: version u8 (1), sequence i64, recordedAt UTC ticks i64, origin u8, event id (16 bytes, RFC 4122 order),
/// event time UTC ticks i64, severity u8, outcome u8, type str, actor str?, source address str?, resource str?, correlation id str?,
/// property count u8, then per property: name str, kind u8 (0 clear: value str; 1 protected: u32 length + ciphertext).
/// A str is u16 byte length + UTF-8; an absent str? is 0xFFFF. Properties are sorted by ordinal name so the encoding is unique.
/// </remarks>
internal static class AuditRecordCodec
{
    public const byte Version = 1;
    private const ushort NullString = 0xFFFF;

    // Fixed part: version, sequence, recorded at, origin, id, event time, severity, outcome, property count.
    private const int FixedSize = 1 + 8 + 8 + 1 + 16 + 8 + 1 + 1 + 1;

    [ThreadStatic]
    private static KeyValuePair<string, string>[]? t_properties;

    [ThreadStatic]
    private static byte[]?[]? t_ciphers;

    /// <summary>Encodes a record into <paramref name="writer"/>, asking it once for room for the longest possible encoding.</summary>
    /// <param name="writer">Receives the bytes.</param>
    /// <param name="sequence">The sequence number.</param>
    /// <param name="recordedAt">When the log recorded it.</param>
    /// <param name="origin">Where it came from.</param>
    /// <param name="e">The event.</param>
    /// <param name="protect">Encrypts a property value, or returns <see langword="null"/> to store it in the clear; <see langword="null"/> for none.</param>
    /// <param name="leafPrefix">Writes the Merkle leaf prefix 0x00 before the record (not part of it), so the leaf hash needs no copy.</param>
    /// <exception cref="ArgumentException">A string is too long to encode.</exception>
    public static void Encode(
        IBufferWriter<byte> writer,
        long sequence,
        DateTimeOffset recordedAt,
        AuditRecordOrigin origin,
        SecurityEvent e,
        Func<string, string, byte[]?>? protect,
        bool leafPrefix = false)
    {
        var props = e.Properties;
        var n = props.Count;
        var sorted = SortedProperties(props);
        byte[]?[]? ciphers = null;
        try
        {
            var max = FixedSize + (leafPrefix ? 1 : 0) + MaxStr(e.Type) + MaxStr(e.Actor) + MaxStr(e.SourceAddress) + MaxStr(e.Resource) + MaxStr(e.CorrelationId);
            if (protect is not null && n > 0)
            {
                ciphers = t_ciphers ??= new byte[]?[SecurityEvent.MaxProperties];
                if (ciphers.Length < n)
                {
                    ciphers = new byte[]?[n];
                }
            }

            for (var i = 0; i < n; i++)
            {
                var (name, value) = sorted[i];
                var cipher = ciphers is null ? null : ciphers[i] = protect!(name, value);
                max += MaxStr(name) + 1 + (cipher is null ? MaxStr(value) : 4 + cipher.Length);
            }

            var w = new Writer(writer.GetSpan(max));
            if (leafPrefix)
            {
                w.U8(MerkleHash.LeafPrefix);
            }

            w.U8(Version);
            w.I64(sequence);
            w.I64(recordedAt.UtcTicks);
            w.U8((byte)origin);
            w.Guid(e.Id);
            w.I64(e.Timestamp.UtcTicks);
            w.U8((byte)e.Severity);
            w.U8((byte)e.Outcome);
            w.Str(e.Type);
            w.Str(e.Actor);
            w.Str(e.SourceAddress);
            w.Str(e.Resource);
            w.Str(e.CorrelationId);
            w.U8((byte)n);
            for (var i = 0; i < n; i++)
            {
                var (name, value) = sorted[i];
                w.Str(name);
                var cipher = ciphers?[i];
                if (cipher is null)
                {
                    w.U8(0);
                    w.Str(value);
                }
                else
                {
                    w.U8(1);
                    w.Bytes(cipher);
                }
            }

            writer.Advance(w.Position);
        }
        finally
        {
            // Drop the references so the per-thread scratch arrays keep no event's strings or ciphertexts alive.
            sorted.Clear();

            ciphers?.AsSpan(0, n).Clear();
        }
    }

    // The longest encoding of a str: u16 length + UTF-8 (at most 3 bytes per UTF-16 unit).
    private static int MaxStr(string? s) => s is null ? 2 : 2 + Encoding.UTF8.GetMaxByteCount(s.Length);

    /// <summary>The properties in ordinal name order: the event's own arrays when it keeps them sorted (it does), else a sorted per-thread copy.</summary>
    private static Span<KeyValuePair<string, string>> SortedProperties(IReadOnlyDictionary<string, string> props)
    {
        var n = props.Count;
        if (n == 0)
        {
            return [];
        }

        // Sorted in a per-thread scratch array: no per-record allocation for the names or a boxed enumerator.
        var scratch = t_properties ??= new KeyValuePair<string, string>[SecurityEvent.MaxProperties];
        if (scratch.Length < n)
        {
            scratch = new KeyValuePair<string, string>[n];
        }

        var count = 0;
        if (props.Keys is string[] keys && props.Values is string[] values && keys.Length == n && values.Length == n)
        {
            // The event's property map exposes its name and value arrays (same order) through Keys and Values.
            for (; count < n; count++)
            {
                scratch[count] = new KeyValuePair<string, string>(keys[count], values[count]);
            }
        }
        else if (props is FrozenDictionary<string, string> frozen)
        {
            var frozenKeys = frozen.Keys;
            var frozenValues = frozen.Values;
            for (; count < frozenKeys.Length; count++)
            {
                scratch[count] = new KeyValuePair<string, string>(frozenKeys[count], frozenValues[count]);
            }
        }
        else
        {
            foreach (var p in props)
            {
                scratch[count++] = p;
            }
        }

        var sorted = scratch.AsSpan(0, count);
        var inOrder = true;
        for (var i = 1; i < sorted.Length && inOrder; i++)
        {
            inOrder = string.CompareOrdinal(sorted[i - 1].Key, sorted[i].Key) < 0;
        }

        if (!inOrder)
        {
            sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        return sorted;
    }

    /// <summary>Decodes a record, refusing anything but the exact canonical form.</summary>
    /// <exception cref="FormatException">The bytes are not a valid version-1 record.</exception>
    public static AuditRecord Decode(ReadOnlySpan<byte> data)
    {
        var r = new Reader(data);
        if (r.U8() != Version)
        {
            throw new FormatException("Unknown audit record format version.");
        }

        var sequence = r.I64();
        var recordedAt = r.Time();
        var origin = (AuditRecordOrigin)r.U8();
        var id = r.Guid();
        var eventTime = r.Time();
        var severity = (SecuritySeverity)r.U8();
        var outcome = (SecurityOutcome)r.U8();
        if (!Enum.IsDefined(origin) || !Enum.IsDefined(severity) || !Enum.IsDefined(outcome) || sequence < 0 || id == System.Guid.Empty)
        {
            throw new FormatException("An audit record field is out of range.");
        }

        var type = r.Str() ?? throw new FormatException("An audit record has no type.");
        var actor = r.Str();
        var address = r.Str();
        var resource = r.Str();
        var correlation = r.Str();
        var count = r.U8();
        var clear = new Dictionary<string, string>(StringComparer.Ordinal);
        var protectedValues = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        string? previous = null;
        for (var i = 0; i < count; i++)
        {
            var name = r.Str() ?? throw new FormatException("An audit record property has no name.");
            if (previous is not null && string.CompareOrdinal(previous, name) >= 0)
            {
                throw new FormatException("Audit record properties are not in canonical order.");
            }

            previous = name;
            switch (r.U8())
            {
                case 0:
                    var value = r.Str() ?? throw new FormatException("An audit record property has no value.");
                    clear[name] = value;
                    all[name] = value;
                    break;
                case 1:
                    protectedValues[name] = r.Bytes().ToArray();
                    all[name] = string.Empty;
                    break;
                default:
                    throw new FormatException("Unknown audit record property kind.");
            }
        }

        if (!r.AtEnd)
        {
            throw new FormatException("An audit record has trailing bytes.");
        }

        SecurityEvent e;
        try
        {
            e = new SecurityEvent(type, severity, eventTime, id)
            {
                Actor = actor,
                SourceAddress = address,
                Resource = resource,
                CorrelationId = correlation,
                Outcome = outcome,
            };
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("An audit record holds an invalid event field.", ex);
        }

        return new AuditRecord(sequence, recordedAt, origin, e, clear, protectedValues);
    }

    /// <summary>Reads only the sequence number of an encoded record.</summary>
    public static long ReadSequence(ReadOnlySpan<byte> data) =>
        data.Length >= 9 && data[0] == Version ? BinaryPrimitives.ReadInt64LittleEndian(data[1..]) : -1;

    private ref struct Writer(Span<byte> span)
    {
        private readonly Span<byte> _span = span;

        public int Position { get; private set; }

        public void U8(byte v) => _span[Position++] = v;

        public void I64(long v)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_span[Position..], v);
            Position += 8;
        }

        public void Guid(Guid v)
        {
            v.TryWriteBytes(_span[Position..], bigEndian: true, out _);
            Position += 16;
        }

        public void Str(string? s)
        {
            var span = _span[Position..];
            if (s is null)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(span, NullString);
                Position += 2;
                return;
            }

            var n = Encoding.UTF8.GetBytes(s, span[2..]);
            if (n >= NullString)
            {
                throw new ArgumentException("A string of an audit record is too long.");
            }

            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)n);
            Position += 2 + n;
        }

        public void Bytes(ReadOnlySpan<byte> b)
        {
            var span = _span[Position..];
            BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)b.Length);
            b.CopyTo(span[4..]);
            Position += 4 + b.Length;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        public readonly bool AtEnd => _pos == _data.Length;

        public byte U8() => Take(1)[0];

        public long I64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public Guid Guid() => new(Take(16), bigEndian: true);

        public DateTimeOffset Time()
        {
            var ticks = I64();
            if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                throw new FormatException("An audit record time is out of range.");
            }

            return new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        public string? Str()
        {
            var n = BinaryPrimitives.ReadUInt16LittleEndian(Take(2));
            if (n == NullString)
            {
                return null;
            }

            try
            {
                return StrictUtf8.GetString(Take(n));
            }
            catch (DecoderFallbackException ex)
            {
                throw new FormatException("An audit record string is not valid UTF-8.", ex);
            }
        }

        public ReadOnlySpan<byte> Bytes()
        {
            var n = BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
            return n > int.MaxValue ? throw new FormatException("An audit record value is too long.") : Take((int)n);
        }

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n > _data.Length - _pos)
            {
                throw new FormatException("An audit record is truncated.");
            }

            var s = _data.Slice(_pos, n);
            _pos += n;
            return s;
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
