using System.Runtime.CompilerServices;
using System.Text;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>The compact reading of header and claims: a strict subset of JSON read without <see cref="System.Text.Json.Utf8JsonReader"/>.</summary>
/// <remarks>
/// <para>Why: the general reader cost about 0.6 µs for a 200-byte claims set, a third of a validation. The subset is the form
/// our issuer (and IdentityModel) writes: no whitespace; member names and strings of printable ASCII without escapes; whole
/// non-negative numbers without leading zeros; arrays of such strings; only the members the validator knows, each once,
/// with the JSON type it expects. Every text of the subset is valid JSON and means the same to the general reader.</para>
/// <para>Anything else (whitespace, an escape, a byte outside 0x20-0x7E, an unknown or repeated member, a fraction or
/// exponent, a wrong type, a name or date the checks refuse, a list over the limit) makes the compact reader give up, and
/// the general reader reads the text again from scratch. On the subset both readers fill the same scan, and the checks
/// after reading (required claims, issuer, audience, algorithm, type, key) are shared, so a token gets the same answer
/// and reason either way. The tests check the two agree on many mutations of issued tokens.</para>
/// </remarks>
public sealed partial class AccessTokenValidator
{
    // Role and amr values recur on every token: the same strings are handed out instead of new ones.
    private readonly NameCache _listNames = new();


    private const long MaxNumericDate = 253_402_300_799; // 9999-12-31T23:59:59Z, as in TryNumericDate

    private static bool TryReadCompactHeader(ReadOnlySpan<byte> json, ref HeaderScan h)
    {
        var i = IsCompactObject(json) ? 1 : -1;
        while ((i = CompactMemberName(json, i, out var name)) > 0)
        {
            var bit = name.SequenceEqual("alg"u8) ? HAlg : name.SequenceEqual("typ"u8) ? HTyp : name.SequenceEqual("kid"u8) ? HKid : 0;
            if (bit == 0 || (h.Seen & bit) != 0 || (i = CompactString(json, i, out var value)) < 0)
            {
                return false;
            }

            h.Seen |= bit;
            switch (bit)
            {
                case HAlg:
                    h.AlgSeen = true;
                    h.Alg = AlgorithmNamed(value);
                    break;
                case HTyp:
                    h.TypOk = IsAccessTokenType(value);
                    break;
                default:
                    if (value.Length > h.Kid.Length)
                    {
                        return false;
                    }

                    value.CopyTo(h.Kid);
                    h.KidLength = value.Length;
                    break;
            }

            i = CompactNext(json, i);
            if (i <= 0)
            {
                return i == 0;
            }
        }

        return false;
    }

    private bool TryReadCompactClaims(ReadOnlySpan<byte> json, ref ParsedToken p, ref ClaimScan scan)
    {
        var i = IsCompactObject(json) ? 1 : -1;
        while ((i = CompactMemberName(json, i, out var name)) > 0)
        {
            var bit = ClaimBit(name);
            if (bit == 0 || (scan.Seen & bit) != 0)
            {
                return false;
            }

            scan.Seen |= bit;
            switch (bit)
            {
                case CIss:
                    if ((i = CompactString(json, i, out var issuer)) < 0)
                    {
                        return false;
                    }

                    scan.IssOk = issuer.SequenceEqual(_issuerUtf8);
                    break;
                case CAud:
                    if (i < json.Length && json[i] == (byte)'[')
                    {
                        var none = default(NameBuffer);
                        if ((i = CompactList(json, i, ref none, collect: false, _audienceUtf8, out var matched, out _)) < 0)
                        {
                            return false;
                        }

                        scan.AudOk = matched;
                    }
                    else
                    {
                        if ((i = CompactString(json, i, out var audience)) < 0)
                        {
                            return false;
                        }

                        scan.AudOk = audience.SequenceEqual(_audienceUtf8);
                    }

                    break;
                case CSub:
                case CSid:
                    if ((i = CompactString(json, i, out var nameValue)) < 0 || !TryCompactName(nameValue, out var text))
                    {
                        return false;
                    }

                    p.SetName(bit, text);

                    break;
                case CJti:
                    if ((i = CompactString(json, i, out _)) < 0)
                    {
                        return false;
                    }

                    break;
                case CRoles:
                case CAmr:
                    var names = default(NameBuffer);
                    if (i >= json.Length || json[i] != (byte)'[' || (i = CompactList(json, i, ref names, collect: true, default, out _, out var count)) < 0)
                    {
                        return false;
                    }

                    var list = count == 0 ? [] : ((ReadOnlySpan<string>)names)[..count].ToArray();
                    p.SetList(bit, list);
                    break;
                default: // CExp, CIat, CNbf, CAuthTime
                    if ((i = CompactNumericDate(json, i, out var seconds)) < 0)
                    {
                        return false;
                    }

                    scan.SetDate(bit, seconds);
                    break;
            }

            i = CompactNext(json, i);
            if (i <= 0)
            {
                return i == 0;
            }
        }

        return false;
    }

    // The helpers take the position of what they read and return the position after it, or -1: the position stays a
    // register in the callers (a ref to it would keep it in memory, a store and a load per byte read).

    // A member name and its ':'.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CompactMemberName(ReadOnlySpan<byte> json, int i, out ReadOnlySpan<byte> name)
    {
        i = CompactString(json, i, out name);
        return i >= 0 && i < json.Length && json[i] == (byte)':' ? i + 1 : -1;
    }

    // After a member: ',' then another member (the position after the comma), or the final '}' with nothing after it (0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CompactNext(ReadOnlySpan<byte> json, int i)
    {
        if (i >= json.Length)
        {
            return -1;
        }

        if (json[i] == (byte)',')
        {
            return i + 1;
        }

        return json[i] == (byte)'}' && i + 1 == json.Length ? 0 : -1;
    }

    // The whole text is printable ASCII without a backslash (IsPlainText), so a string runs to the next quote and means its bytes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CompactString(ReadOnlySpan<byte> json, int i, out ReadOnlySpan<byte> value)
    {
        value = default;
        if ((uint)i >= (uint)json.Length || json[i] != (byte)'"')
        {
            return -1;
        }

        var rest = json[(i + 1)..];
        var length = rest.IndexOf((byte)'"');
        if (length < 0)
        {
            return -1;
        }

        value = rest[..length];
        return i + length + 2;
    }

    // A non-empty object of plain text; its first member starts at 1.
    private static bool IsCompactObject(ReadOnlySpan<byte> json) =>
        json.Length > 2 && json[0] == (byte)'{' && json[1] != (byte)'}' && IsPlainText(json);

    // Printable ASCII (0x20 to 0x7E) and no backslash: no escapes, no control bytes, no UTF-8 to validate. Two vectorized passes.
    private static bool IsPlainText(ReadOnlySpan<byte> json) =>
        json.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) < 0 && json.IndexOf((byte)'\\') < 0;

    // A list of names (roles, amr) collected into names (at most NameBuffer's length), or of audiences compared with wanted
    // (at most MaxListItems).
    private int CompactList(ReadOnlySpan<byte> json, int i, ref NameBuffer names, bool collect, ReadOnlySpan<byte> wanted, out bool matched, out int count)
    {
        matched = false;
        count = 0;
        var limit = collect ? NameBuffer.Length : MaxListItems;
        i++; // '['
        if (i < json.Length && json[i] == (byte)']')
        {
            return i + 1;
        }

        for (var n = 1; n <= limit; n++)
        {
            i = CompactString(json, i, out var item);
            if (i < 0)
            {
                return -1;
            }

            if (!collect)
            {
                matched |= item.SequenceEqual(wanted);
            }
            else
            {
                var text = _listNames.Get(item);
                if (!IsName(text))
                {
                    return -1;
                }

                names[count++] = text;
            }

            if (i >= json.Length)
            {
                return -1;
            }

            if (json[i] == (byte)']')
            {
                return i + 1;
            }

            if (json[i] != (byte)',')
            {
                return -1;
            }

            i++;
        }

        return -1;
    }

    private static bool TryCompactName(ReadOnlySpan<byte> value, out string text)
    {
        text = Encoding.ASCII.GetString(value);
        return IsName(text);
    }

    // A whole number of seconds without sign, fraction, exponent or leading zero, in range; anything else is the general reader's.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CompactNumericDate(ReadOnlySpan<byte> json, int i, out long seconds)
    {
        seconds = 0;
        var start = i;
        while (i < json.Length && (uint)(json[i] - '0') <= 9 && i - start < 13)
        {
            seconds = (seconds * 10) + (json[i] - '0');
            i++;
        }

        var digits = i - start;
        var ok = digits is > 0 and <= 12
            && (digits == 1 || json[start] != (byte)'0')
            && seconds <= MaxNumericDate
            && i < json.Length && json[i] is (byte)',' or (byte)'}';
        return ok ? i : -1;
    }

    /// <summary>A small set of ASCII names seen in signed tokens (so never an attacker's padding), looked up by their bytes.</summary>
    /// <remarks>Grows to <see cref="Capacity"/> names and then only looks up; readers take no lock.</remarks>
    private sealed class NameCache
    {
        private const int Capacity = 32;
        private readonly string[] _names = new string[Capacity];
        private readonly Lock _gate = new();
        private int _count;

        public string Get(ReadOnlySpan<byte> ascii)
        {
            var count = Volatile.Read(ref _count);
            for (var i = 0; i < count; i++)
            {
                var name = _names[i];
                if (name.Length == ascii.Length && Ascii.Equals(ascii, name))
                {
                    return name;
                }
            }

            var text = Encoding.ASCII.GetString(ascii);
            if (count < Capacity)
            {
                lock (_gate)
                {
                    if (_count < Capacity && Array.IndexOf(_names, text, 0, _count) < 0)
                    {
                        _names[_count] = text;
                        Volatile.Write(ref _count, _count + 1);
                    }
                }
            }

            return text;
        }
    }

    /// <summary>Room for the names of one list read compactly; a longer list is the general reader's.</summary>
    [InlineArray(Length)]
    private struct NameBuffer
    {
        public const int Length = 8;

        private string _first;
    }

    private ref struct HeaderScan(Span<byte> kid)
    {
        public Span<byte> Kid = kid;
        public int KidLength = -1;
        public int Seen;
        public SigningAlgorithm? Alg;
        public bool AlgSeen;
        public bool TypOk;
        public bool Embedded;
        public bool Critical;
    }

    private struct ClaimScan
    {
        public int Seen;
        public bool IssOk;
        public bool AudOk;
        public long? Exp;
        public long? Iat;
        public long? Nbf;
        public long? AuthTime;

        public void SetDate(int bit, long seconds)
        {
            switch (bit)
            {
                case CExp:
                    Exp = seconds;
                    break;
                case CIat:
                    Iat = seconds;
                    break;
                case CNbf:
                    Nbf = seconds;
                    break;
                default:
                    AuthTime = seconds;
                    break;
            }
        }
    }
}
