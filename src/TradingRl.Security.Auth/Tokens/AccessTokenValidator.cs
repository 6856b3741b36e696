using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>Validates access tokens more strictly than Microsoft.IdentityModel's defaults (RFC 7515, 7519, 8725 and 9068).</summary>
/// <remarks>
/// <para>Thread-safe; never throws on a bad token: the result carries the reason. Checks, in order: the size cap before
/// any parsing; three canonical base64url segments (no padding, no whitespace, zero trailing bits); header and claims
/// JSON objects without duplicate members; no embedded or remote key (<c>jwk</c>, <c>jku</c>, <c>x5c</c>, <c>x5u</c>,
/// <c>x5t</c>) and no parameter that must be understood (<c>crit</c>, <c>zip</c>, <c>enc</c>, <c>cty</c>); an
/// <c>alg</c> of the allow-list, a known <c>kid</c> and the algorithm bound to that key; <c>typ</c> <c>at+jwt</c>;
/// the signature; claims of the right JSON type; issuer, audience, <c>exp</c> (required), <c>nbf</c>, <c>iat</c> with
/// the clock skew; the maximum lifetime; then revocation.</para>
/// <para>A bounded cache remembers accepted tokens, so a token seen before skips parsing and signature checking, but
/// never the expiry or revocation check.</para>
/// </remarks>
public sealed partial class AccessTokenValidator
{
    private const int StackLimit = 2048;

    // Checked over the whole token; the dots were counted, so this leaves three base64url segments.
    private static readonly SearchValues<char> Base64UrlAlphabetAndDot =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");
    private const int MaxListItems = 64;

    private readonly AuthOptions _options;
    private readonly SigningKeyRing _ring;
    private readonly IAccessTokenRevocation _revocation;
    private readonly TimeProvider _time;
    private readonly IPermissionResolver? _permissions;
    private readonly ISecurityEventPublisher? _events;
    private readonly ILogger _logger;
    private readonly byte[] _issuerUtf8;
    private readonly byte[] _audienceUtf8;
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(TokenComparer.Instance);

    // The same cache searched with a slice of a header, so a cached token needs no string of its own per request.
    private readonly ConcurrentDictionary<string, CachedToken>.AlternateLookup<ReadOnlySpan<char>> _cacheBySpan;
    private readonly int _cacheSize;

    /// <summary>Gets or sets a value indicating whether the compact reader is tried before the general JSON reader (tests
    /// turn it off to compare the two).</summary>
    internal bool CompactReading { get; set; } = true;

    /// <summary>Initializes a validator.</summary>
    /// <param name="options">The Auth settings (issuer, audience, token policy).</param>
    /// <param name="ring">The signing keys.</param>
    /// <param name="revocation">The revocation check.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="permissions">Resolves roles to permissions; when absent, principals get no permissions (fail closed).</param>
    /// <param name="events">Receives <c>auth.token.rejected</c>; none when omitted.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    public AccessTokenValidator(
        AuthOptions options,
        SigningKeyRing ring,
        IAccessTokenRevocation revocation,
        TimeProvider timeProvider,
        IPermissionResolver? permissions = null,
        ISecurityEventPublisher? events = null,
        ILogger<AccessTokenValidator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(revocation);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _ring = ring;
        _revocation = revocation;
        _time = timeProvider;
        _permissions = permissions;
        _events = events;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _issuerUtf8 = Encoding.UTF8.GetBytes(options.Issuer);
        _audienceUtf8 = Encoding.UTF8.GetBytes(options.Audience);
        _cacheSize = options.AccessTokens.ValidatedTokenCacheSize;
        _cacheBySpan = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Validates a compact JWS access token.</summary>
    /// <param name="token">The token as presented (without the <c>Bearer</c> prefix).</param>
    /// <param name="cancellationToken">Cancels the revocation check.</param>
    /// <returns>The principal, or the reason the token was refused.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="token"/> is null.</exception>
    public ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = _time.GetUtcNow();

        if (_cacheSize > 0 && token.Length <= _options.AccessTokens.MaxTokenBytes && _cache.TryGetValue(token, out var cached))
        {
            return FromCache(token, cached, now, cancellationToken);
        }

        var reason = Parse(token, now, out var parsed);
        if (reason != TokenRejectionReason.None)
        {
            return new(Reject(reason, now));
        }

        var entry = new CachedToken(BuildPrincipal(parsed), parsed.IssuedAt, parsed.ExpiresAt, token);
        return CheckRevocation(entry, now, cache: _cacheSize > 0, cancellationToken);
    }

    /// <summary>Validates a compact JWS access token given as characters (a slice of a longer string), e.g. the part of an <c>Authorization</c> header after <c>Bearer </c>.</summary>
    /// <param name="token">The token as presented.</param>
    /// <param name="cancellationToken">Cancels the revocation check.</param>
    /// <returns>The principal, or the reason the token was refused.</returns>
    /// <remarks>The same checks as <see cref="ValidateAsync(string, CancellationToken)"/>; a token validated before is found in the cache without a string being made for it, and expiry and revocation are still checked.</remarks>
    public ValueTask<AccessTokenValidationResult> ValidateTokenAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken = default)
    {
        if (_cacheSize > 0 && token.Length <= _options.AccessTokens.MaxTokenBytes && _cacheBySpan.TryGetValue(token.Span, out var key, out var cached))
        {
            return FromCache(key, cached, _time.GetUtcNow(), cancellationToken);
        }

        return ValidateAsync(token.ToString(), cancellationToken);
    }

    private ValueTask<AccessTokenValidationResult> FromCache(string token, CachedToken cached, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - _options.AccessTokens.ClockSkew > cached.ExpiresAt)
        {
            _cache.TryRemove(token, out _);
            return new(Reject(TokenRejectionReason.Expired, now));
        }

        return CheckRevocation(cached, now, cache: false, cancellationToken);
    }

    private ValueTask<AccessTokenValidationResult> CheckRevocation(in CachedToken entry, DateTimeOffset now, bool cache, CancellationToken cancellationToken)
    {
        var pending = _revocation.IsRevokedAsync(entry.Subject, entry.SessionId, entry.IssuedAt, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            return new(Finish(entry, pending.Result, now, cache));
        }

        return Awaited(entry, pending, now, cache);
    }

    private async ValueTask<AccessTokenValidationResult> Awaited(CachedToken entry, ValueTask<bool> pending, DateTimeOffset now, bool cache) =>
        Finish(entry, await pending.ConfigureAwait(false), now, cache);

    private AccessTokenValidationResult Finish(in CachedToken entry, bool revoked, DateTimeOffset now, bool cache)
    {
        if (revoked)
        {
            _cache.TryRemove(entry.Token, out _);
            return Reject(TokenRejectionReason.Revoked, now);
        }

        if (cache)
        {
            if (_cache.Count >= _cacheSize)
            {
                Trim(now);
            }

            _cache.TryAdd(entry.Token, entry);
        }

        return AccessTokenValidationResult.Accepted(entry.Principal, entry.ExpiresAt);
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, value) in _cache)
        {
            if (now > value.ExpiresAt)
            {
                _cache.TryRemove(key, out _);
            }
        }

        // Still full of live tokens: forget them all; they are re-validated in full on next use.
        if (_cache.Count >= _cacheSize)
        {
            _cache.Clear();
        }
    }

    private AccessTokenValidationResult Reject(TokenRejectionReason reason, DateTimeOffset now)
    {
        LogRejected(_logger, reason);
        if (_events is not null)
        {
            var e = new SecurityEvent(SecurityEventTypes.TokenRejected.Type, SecurityEventTypes.TokenRejected.DefaultSeverity, now)
            {
                Outcome = SecurityOutcome.Denied,
                Properties = new Dictionary<string, string>(1, StringComparer.Ordinal) { ["reason"] = reason.ToString() },
            };
            try
            {
                _events.Publish(e);
            }
            catch (Exception ex) when (ex is SecurityEventPipelineClosedException or SecurityEventPublishTimeoutException)
            {
                LogPublishFailed(_logger, ex);
            }
        }

        return AccessTokenValidationResult.Rejected(reason);
    }

    private SecurityPrincipal BuildPrincipal(in ParsedToken p)
    {
        IReadOnlyList<string> roles = p.Roles ?? [];
        return new SecurityPrincipal(p.Subject!)
        {
            Roles = roles,
            SessionId = p.SessionId,
            AuthenticationMethods = (IReadOnlyList<string>?)p.Methods ?? [],
            AuthenticatedAt = p.AuthTime,
            Permissions = _permissions?.Resolve(roles) ?? PermissionSet.Empty,
        };
    }

    private TokenRejectionReason Parse(string token, DateTimeOffset now, out ParsedToken parsed)
    {
        parsed = default;
        var policy = _options.AccessTokens;
        if (token.Length > policy.MaxTokenBytes)
        {
            return TokenRejectionReason.Oversized;
        }

        var dot1 = token.IndexOf('.', StringComparison.Ordinal);
        var dot2 = dot1 < 0 ? -1 : token.IndexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 <= dot1 + 1 || dot2 == token.Length - 1 || token.IndexOf('.', dot2 + 1) >= 0)
        {
            // Not a three-segment JWS: includes five-segment JWE and tokens with an empty signature (alg none).
            return TokenRejectionReason.Malformed;
        }

        byte[]? rented = null;
        var total = token.Length + (token.Length * 3 / 4) + 8;
        var buffer = total <= StackLimit ? stackalloc byte[total] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            // Every char is checked against the base64url alphabet (the two dots were found above) before the narrowing
            // copy, so the bytes are exact: the signing input is ASCII(header '.' payload) and the segments decode from them.
            if (token.AsSpan().ContainsAnyExcept(Base64UrlAlphabetAndDot))
            {
                return TokenRejectionReason.Malformed;
            }

            var ascii = buffer[..token.Length];
            Encoding.ASCII.GetBytes(token, ascii);
            var signingInput = ascii[..dot2];
            var headerText = ascii[..dot1];
            var payloadText = ascii[(dot1 + 1)..dot2];
            var signatureText = ascii[(dot2 + 1)..];

            var rest = buffer[token.Length..];
            if (!TryDecode(headerText, rest, out var headerLength))
            {
                return TokenRejectionReason.Malformed;
            }

            var header = rest[..headerLength];
            rest = rest[headerLength..];
            var headerReason = ReadHeader(header, now, out var key);
            if (headerReason != TokenRejectionReason.None)
            {
                return headerReason;
            }

            if (!TryDecode(signatureText, rest, out var signatureLength))
            {
                return TokenRejectionReason.Malformed;
            }

            var signature = rest[..signatureLength];
            rest = rest[signatureLength..];
            if (!key!.Verify(signingInput, signature))
            {
                return TokenRejectionReason.InvalidSignature;
            }

            if (!TryDecode(payloadText, rest, out var payloadLength))
            {
                return TokenRejectionReason.Malformed;
            }

            var claimsReason = ReadClaims(rest[..payloadLength], out parsed);
            if (claimsReason != TokenRejectionReason.None)
            {
                return claimsReason;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        var skew = policy.ClockSkew;
        // now - skew, not exp + skew: a signed exp at the last representable second would overflow DateTimeOffset.
        if (now - skew > parsed.ExpiresAt)
        {
            return TokenRejectionReason.Expired;
        }

        if ((parsed.NotBefore is { } nbf && nbf > now + skew) || parsed.IssuedAt > now + skew)
        {
            return TokenRejectionReason.NotYetValid;
        }

        if (parsed.ExpiresAt <= parsed.IssuedAt)
        {
            return TokenRejectionReason.InvalidClaims;
        }

        return parsed.ExpiresAt - parsed.IssuedAt > policy.MaxLifetime ? TokenRejectionReason.LifetimeTooLong : TokenRejectionReason.None;
    }

    private TokenRejectionReason ReadHeader(ReadOnlySpan<byte> json, DateTimeOffset now, out SigningKey? key)
    {
        key = null;
        var h = new HeaderScan(stackalloc byte[64]);
        if (!CompactReading || !TryReadCompactHeader(json, ref h))
        {
            // Outside the compact subset: the full reader decides, from scratch.
            h = new HeaderScan(h.Kid);
            var reason = ReadHeaderJson(json, ref h);
            if (reason != TokenRejectionReason.None)
            {
                return reason;
            }
        }

        if (h.Embedded)
        {
            return TokenRejectionReason.EmbeddedKey;
        }

        if (h.Critical)
        {
            return TokenRejectionReason.UnsupportedHeader;
        }

        if (!h.AlgSeen || h.Alg is null)
        {
            return TokenRejectionReason.UnsupportedAlgorithm;
        }

        if (!h.TypOk)
        {
            return TokenRejectionReason.WrongType;
        }

        key = h.KidLength < 0 ? null : _ring.Find(h.Kid[..h.KidLength], now);
        if (key is null)
        {
            return TokenRejectionReason.UnknownKey;
        }

        // RFC 8725 section 3.1: the key decides the algorithm, never the token.
        return key.Algorithm == h.Alg ? TokenRejectionReason.None : TokenRejectionReason.KeyAlgorithmMismatch;
    }

    private static TokenRejectionReason ReadHeaderJson(ReadOnlySpan<byte> json, ref HeaderScan h)
    {
        HashSet<string>? others = null;
        Span<byte> scratch = stackalloc byte[UnescapeScratch];
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenRejectionReason.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var bit = HeaderBit(ref reader);
                if (!TrackMember(ref reader, bit, ref h.Seen, ref others))
                {
                    return TokenRejectionReason.Malformed;
                }

                reader.Read();
                if ((bit & HEmbedded) != 0)
                {
                    h.Embedded = true;
                    reader.Skip();
                    continue;
                }

                if ((bit & HCritical) != 0)
                {
                    h.Critical = true;
                    reader.Skip();
                    continue;
                }

                switch (bit)
                {
                    case HAlg:
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            return TokenRejectionReason.Malformed;
                        }

                        h.AlgSeen = true;
                        h.Alg = AlgorithmNamed(Unescaped(in reader, scratch));
                        break;
                    case HTyp:
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            return TokenRejectionReason.Malformed;
                        }

                        h.TypOk = IsAccessTokenType(Unescaped(in reader, scratch));
                        break;
                    case HKid:
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            return TokenRejectionReason.Malformed;
                        }

                        if (!reader.ValueIsEscaped && reader.ValueSpan.Length <= h.Kid.Length)
                        {
                            reader.ValueSpan.CopyTo(h.Kid);
                            h.KidLength = reader.ValueSpan.Length;
                        }
                        else
                        {
                            var s = reader.GetString()!;
                            h.KidLength = Encoding.UTF8.GetByteCount(s) <= h.Kid.Length ? Encoding.UTF8.GetBytes(s, h.Kid) : -2;
                        }

                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return TokenRejectionReason.Malformed;
            }
        }
        catch (JsonException)
        {
            return TokenRejectionReason.Malformed;
        }
        catch (InvalidOperationException)
        {
            // A value of a JSON type its reader call does not expect, or text that is not valid UTF-8.
            return TokenRejectionReason.Malformed;
        }

        return TokenRejectionReason.None;
    }

    // Escaped text is at most 6 bytes per unescaped byte, so an escaped alg or typ longer than this cannot unescape to
    // one we accept (the longest, "application/at+jwt", is 18 bytes).
    private const int UnescapeScratch = 128;

    private static SigningAlgorithm? AlgorithmNamed(ReadOnlySpan<byte> alg) =>
        alg.SequenceEqual("ES256"u8) ? SigningAlgorithm.ES256
        : alg.SequenceEqual("HS256"u8) ? SigningAlgorithm.HS256
        : alg.SequenceEqual("EdDSA"u8) ? SigningAlgorithm.EdDSA
        : null;

    // RFC 9068 section 2.1 and RFC 8725 section 3.11: explicit typing keeps other JWTs out.
    private static bool IsAccessTokenType(ReadOnlySpan<byte> typ) => typ.SequenceEqual("at+jwt"u8) || typ.SequenceEqual("application/at+jwt"u8);

    // A string value's text: as it stands, or unescaped into scratch; empty (matching no name) when it cannot be ours.
    private static ReadOnlySpan<byte> Unescaped(in Utf8JsonReader reader, Span<byte> scratch)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return reader.ValueSpan;
        }

        if (reader.ValueSpan.Length > scratch.Length)
        {
            return default;
        }

        try
        {
            return scratch[..reader.CopyString(scratch)];
        }
        catch (InvalidOperationException)
        {
            // An escape that is not valid UTF-16 (a lone surrogate): not a name we accept.
            return default;
        }
    }

    private const int HAlg = 1;
    private const int HTyp = 2;
    private const int HKid = 4;
    private const int HEmbedded = 8;
    private const int HCritical = 16;

    private static int HeaderBit(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("alg"u8))
        {
            return HAlg;
        }

        if (reader.ValueTextEquals("typ"u8))
        {
            return HTyp;
        }

        if (reader.ValueTextEquals("kid"u8))
        {
            return HKid;
        }

        if (reader.ValueTextEquals("jwk"u8) || reader.ValueTextEquals("jku"u8) || reader.ValueTextEquals("x5c"u8)
            || reader.ValueTextEquals("x5u"u8) || reader.ValueTextEquals("x5t"u8) || reader.ValueTextEquals("x5t#S256"u8))
        {
            // Several embedded-key members share a bit; a repeat of one of them is caught as a duplicate too, which is fine: all are refused.
            return HEmbedded | (reader.ValueTextEquals("jwk"u8) ? 32 : reader.ValueTextEquals("jku"u8) ? 64 : reader.ValueTextEquals("x5c"u8) ? 128
                : reader.ValueTextEquals("x5u"u8) ? 256 : reader.ValueTextEquals("x5t"u8) ? 512 : 1024);
        }

        if (reader.ValueTextEquals("crit"u8) || reader.ValueTextEquals("zip"u8) || reader.ValueTextEquals("enc"u8) || reader.ValueTextEquals("cty"u8))
        {
            return HCritical | (reader.ValueTextEquals("crit"u8) ? 2048 : reader.ValueTextEquals("zip"u8) ? 4096 : reader.ValueTextEquals("enc"u8) ? 8192 : 16384);
        }

        return 0;
    }

    private TokenRejectionReason ReadClaims(ReadOnlySpan<byte> json, out ParsedToken p)
    {
        p = default;
        var scan = default(ClaimScan);
        if (!CompactReading || !TryReadCompactClaims(json, ref p, ref scan))
        {
            // Outside the compact subset (whitespace, escapes, non-ASCII, other members, duplicates, wrong types...):
            // the full reader decides, from scratch.
            p = default;
            scan = default;
            var reason = ReadClaimsJson(json, ref p, ref scan);
            if (reason != TokenRejectionReason.None)
            {
                return reason;
            }
        }

        if (scan.Exp is null || scan.Iat is null || p.Subject is null || p.SessionId is null || (scan.Seen & CJti) == 0)
        {
            return TokenRejectionReason.InvalidClaims;
        }

        if (!scan.IssOk)
        {
            return TokenRejectionReason.WrongIssuer;
        }

        if (!scan.AudOk)
        {
            return TokenRejectionReason.WrongAudience;
        }

        p.ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(scan.Exp.Value);
        p.IssuedAt = DateTimeOffset.FromUnixTimeSeconds(scan.Iat.Value);
        p.NotBefore = scan.Nbf is { } n2 ? DateTimeOffset.FromUnixTimeSeconds(n2) : null;
        p.AuthTime = scan.AuthTime is { } a ? DateTimeOffset.FromUnixTimeSeconds(a) : null;
        return TokenRejectionReason.None;
    }

    private TokenRejectionReason ReadClaimsJson(ReadOnlySpan<byte> json, ref ParsedToken p, ref ClaimScan scan)
    {
        HashSet<string>? others = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenRejectionReason.Malformed;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var bit = ClaimBit(ref reader);
                if (!TrackMember(ref reader, bit, ref scan.Seen, ref others))
                {
                    return TokenRejectionReason.Malformed;
                }

                reader.Read();
                var t = reader.TokenType;
                switch (bit)
                {
                    case CIss:
                        if (t != JsonTokenType.String)
                        {
                            return TokenRejectionReason.InvalidClaims;
                        }

                        scan.IssOk = reader.ValueTextEquals(_issuerUtf8);
                        break;
                    case CAud:
                        if (t == JsonTokenType.String)
                        {
                            scan.AudOk = reader.ValueTextEquals(_audienceUtf8);
                        }
                        else if (t == JsonTokenType.StartArray)
                        {
                            var n = 0;
                            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                            {
                                if (reader.TokenType != JsonTokenType.String || ++n > MaxListItems)
                                {
                                    return TokenRejectionReason.InvalidClaims;
                                }

                                scan.AudOk |= reader.ValueTextEquals(_audienceUtf8);
                            }
                        }
                        else
                        {
                            return TokenRejectionReason.InvalidClaims;
                        }

                        break;
                    case CSub:
                    case CSid:
                        if (t != JsonTokenType.String)
                        {
                            return TokenRejectionReason.InvalidClaims;
                        }

                        var s = reader.GetString()!;
                        if (!IsName(s))
                        {
                            return TokenRejectionReason.InvalidClaims;
                        }

                        p.SetName(bit, s);

                        break;
                    case CJti:
                        if (t != JsonTokenType.String)
                        {
                            return TokenRejectionReason.InvalidClaims;
                        }

                        break;
                    case CExp:
                    case CIat:
                    case CNbf:
                    case CAuthTime:
                        if (!TryNumericDate(ref reader, out var seconds))
                        {
                            return TokenRejectionReason.InvalidClaims;
                        }

                        scan.SetDate(bit, seconds);
                        break;
                    case CRoles:
                    case CAmr:
                        if (t != JsonTokenType.StartArray)
                        {
                            return TokenRejectionReason.InvalidClaims;
                        }

                        var list = new List<string>(4);
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            if (reader.TokenType != JsonTokenType.String || list.Count >= MaxListItems)
                            {
                                return TokenRejectionReason.InvalidClaims;
                            }

                            var item = reader.GetString()!;
                            if (!IsName(item))
                            {
                                return TokenRejectionReason.InvalidClaims;
                            }

                            list.Add(item);
                        }

                        p.SetList(bit, list);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return TokenRejectionReason.Malformed;
            }
        }
        catch (JsonException)
        {
            return TokenRejectionReason.Malformed;
        }
        catch (InvalidOperationException)
        {
            return TokenRejectionReason.Malformed;
        }

        return TokenRejectionReason.None;
    }

    private const int CIss = 1;
    private const int CAud = 2;
    private const int CSub = 4;
    private const int CSid = 8;
    private const int CJti = 16;
    private const int CExp = 32;
    private const int CIat = 64;
    private const int CNbf = 128;
    private const int CAuthTime = 256;
    private const int CRoles = 512;
    private const int CAmr = 1024;

    // Most names are three letters: one switch on their packed bytes instead of up to eleven comparisons. An escaped
    // name (legal JSON, never what we issue) takes the comparisons, which unescape.
    private static int ClaimBit(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return ClaimBitEscaped(ref reader);
        }

        return ClaimBit(reader.ValueSpan);
    }

    private static int ClaimBit(ReadOnlySpan<byte> name)
    {
        return name.Length switch
        {
            3 => (name[0] | (name[1] << 8) | (name[2] << 16)) switch
            {
                'i' | ('s' << 8) | ('s' << 16) => CIss,
                'a' | ('u' << 8) | ('d' << 16) => CAud,
                's' | ('u' << 8) | ('b' << 16) => CSub,
                's' | ('i' << 8) | ('d' << 16) => CSid,
                'j' | ('t' << 8) | ('i' << 16) => CJti,
                'e' | ('x' << 8) | ('p' << 16) => CExp,
                'i' | ('a' << 8) | ('t' << 16) => CIat,
                'n' | ('b' << 8) | ('f' << 16) => CNbf,
                'a' | ('m' << 8) | ('r' << 16) => CAmr,
                _ => 0,
            },
            5 => name.SequenceEqual("roles"u8) ? CRoles : 0,
            9 => name.SequenceEqual("auth_time"u8) ? CAuthTime : 0,
            _ => 0,
        };
    }

    private static int ClaimBitEscaped(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("iss"u8) ? CIss
        : reader.ValueTextEquals("aud"u8) ? CAud
        : reader.ValueTextEquals("sub"u8) ? CSub
        : reader.ValueTextEquals("sid"u8) ? CSid
        : reader.ValueTextEquals("jti"u8) ? CJti
        : reader.ValueTextEquals("exp"u8) ? CExp
        : reader.ValueTextEquals("iat"u8) ? CIat
        : reader.ValueTextEquals("nbf"u8) ? CNbf
        : reader.ValueTextEquals("auth_time"u8) ? CAuthTime
        : reader.ValueTextEquals("roles"u8) ? CRoles
        : reader.ValueTextEquals("amr"u8) ? CAmr
        : 0;

    // RFC 7515 section 4 and RFC 7519 section 4: a member name that appears twice makes the object invalid.
    private static bool TrackMember(ref Utf8JsonReader reader, int bit, ref int seen, ref HashSet<string>? others)
    {
        if (bit == 0)
        {
            return (others ??= new HashSet<string>(StringComparer.Ordinal)).Add(reader.GetString()!);
        }

        if ((seen & bit) != 0)
        {
            return false;
        }

        seen |= bit;
        return true;
    }

    // RFC 7519 section 2: a NumericDate is a JSON number of seconds, possibly fractional; we keep whole seconds.
    private static bool TryNumericDate(ref Utf8JsonReader reader, out long seconds)
    {
        seconds = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }

        if (reader.TryGetInt64(out seconds))
        {
            return seconds is >= 0 and <= 253_402_300_799;
        }

        if (reader.TryGetDouble(out var d) && d is >= 0 and <= 253_402_300_799)
        {
            seconds = (long)Math.Floor(d);
            return true;
        }

        return false;
    }

    private static bool IsName(string s) => s.Length is > 0 and <= SecurityPrincipal.MaxNameLength && !string.IsNullOrWhiteSpace(s);

    /// <summary>Decodes a segment whose chars <see cref="Parse"/> has checked against the base64url alphabet, strictly: no
    /// padding, a possible length, zero unused trailing bits (canonical).</summary>
    private static bool TryDecode(ReadOnlySpan<byte> text, Span<byte> destination, out int written)
    {
        written = 0;
        if (text.Length == 0 || text.Length % 4 == 1)
        {
            return false;
        }

        var last = Sextet(text[^1]);
        if ((text.Length % 4 == 2 && (last & 0x0F) != 0) || (text.Length % 4 == 3 && (last & 0x03) != 0))
        {
            return false;
        }

        return Base64Url.DecodeFromUtf8(text, destination, out var consumed, out written) == OperationStatus.Done && consumed == text.Length;
    }

    private static int Sextet(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'-' => 62,
        _ => 63,
    };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "An access token was refused: {Reason}.")]
    private static partial void LogRejected(ILogger logger, TokenRejectionReason reason);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "The auth.token.rejected event could not be published.")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);

    private struct ParsedToken
    {
        public string? Subject;
        public string? SessionId;
        public IReadOnlyList<string>? Roles;
        public IReadOnlyList<string>? Methods;
        public DateTimeOffset ExpiresAt;
        public DateTimeOffset IssuedAt;
        public DateTimeOffset? NotBefore;
        public DateTimeOffset? AuthTime;

        public void SetName(int bit, string value)
        {
            if (bit == CSub)
            {
                Subject = value;
            }
            else
            {
                SessionId = value;
            }
        }

        public void SetList(int bit, IReadOnlyList<string> value)
        {
            if (bit == CRoles)
            {
                Roles = value;
            }
            else
            {
                Methods = value;
            }
        }
    }

    /// <summary>Compares tokens ordinally but hashes only their tail, where the signature is: a look-up of a token of several hundred characters hashes a few dozen of them, not all.</summary>
    /// <remarks>
    /// Only tokens that passed validation are cached, and no one can choose the signature of a valid token, so cached
    /// tokens sharing a tail are as rare as equal hashes; the tail's hash is string's randomized one, so crafted tokens
    /// cannot be aimed at one bucket either. Equality is still the whole text.
    /// </remarks>
    private sealed class TokenComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        private const int HashedTail = 32;

        public static readonly TokenComparer Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

        private static int Hash(ReadOnlySpan<char> token) =>
            string.GetHashCode(token.Length <= HashedTail ? token : token[^HashedTail..]) ^ token.Length;
    }


    // A struct: the validation of a token that is not cached allocates no entry; the dictionary's node holds a cached one.
    private readonly record struct CachedToken(SecurityPrincipal Principal, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string Token)
    {
        public string Subject => Principal.Subject;

        public string SessionId => Principal.SessionId!;
    }
}
