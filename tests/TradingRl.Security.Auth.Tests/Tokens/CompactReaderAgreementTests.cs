using System.Text;
using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>The compact header and claims reader against the general JSON reader: the same answer, reason and principal on
/// issued tokens and on many byte-level mutations of them (the compact reader may only ever give up, never differ).</summary>
public sealed class CompactReaderAgreementTests
{
    // Bytes that matter to JSON and to the compact subset: whitespace, structure, quotes, escapes, digits, number parts,
    // a letter, DEL, a control byte, and the two bytes of a UTF-8 'é' (alone, each is invalid UTF-8).
    private static readonly byte[] Probes = [(byte)' ', (byte)'\t', (byte)'"', (byte)'\\', (byte)',', (byte)':', (byte)'{', (byte)'}',
        (byte)'[', (byte)']', (byte)'0', (byte)'7', (byte)'-', (byte)'+', (byte)'.', (byte)'e', (byte)'a', (byte)'u', 0x7F, 0x00, 0xC3, 0xA9];

    [Fact]
    public void IssuedTokens_CompactReaderUsed_SameAsGeneral()
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var token = f.Issuer.Issue(new AccessTokenRequest("alice", "s-1", ["trader", "risk_manager"], ["pwd", "otp", "mfa"], TokenFixture.Start)).Token;
        var (compact, general) = Both(f, token);
        Assert.True(compact.IsValid, compact.Reason.ToString());
        AssertSame(compact, general, token);
    }

    [Fact]
    public void ClaimsMutations_EveryByteDeletedInsertedOrReplaced_SameAnswer()
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var header = Encoding.UTF8.GetBytes(f.Header());
        var claims = Encoding.UTF8.GetBytes(
            $$"""{"aud":["other","trading-api"],"iss":"desk-gateway","exp":{{f.Now + 900}},"iat":{{f.Now}},"nbf":{{f.Now}},"sub":"alice","jti":"j1","sid":"s-1","auth_time":{{f.Now}},"amr":["pwd","otp"],"roles":["trader"]}""");
        var (accepted, total) = CheckMutations(f, claims, c => Craft(f, header, c));

        // Most mutations are refused; some stay valid JSON with the same meaning (a digit in a jti, a space between tokens).
        Assert.InRange(total, 5_000, 20_000);
        Assert.InRange(accepted, 100, total / 2);
    }

    [Fact]
    public void HeaderMutations_EveryByteDeletedInsertedOrReplaced_SameAnswer()
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var claims = Encoding.UTF8.GetBytes(f.Claims());
        var (accepted, total) = CheckMutations(f, Encoding.UTF8.GetBytes(f.Header()), h => Craft(f, h, claims));
        Assert.InRange(total, 1_000, 5_000);
        Assert.InRange(accepted, 10, total / 2);
    }

    [Theory]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,"sub":"mallory"}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,"x":1}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","su\u0062":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"al\u0069ce","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP.5}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":1e12}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":0EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":253402300800}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":-1}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":" ","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}{}""")]
    [InlineData("""{"iss":"desk-gateway","aud":["trading-api",],"sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":[],"sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,"roles":[]}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,"roles":["a",""]}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,"roles":"trader"}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":7,"iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    public void CraftedClaims_SameAnswer(string template)
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var claims = template.Replace("NOW", f.Now.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("EXP", (f.Now + 900).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var token = Craft(f, Encoding.UTF8.GetBytes(f.Header()), Encoding.UTF8.GetBytes(claims));
        var (compact, general) = Both(f, token);
        AssertSame(compact, general, claims);
    }

    [Theory]
    [InlineData("""{"alg":"HS\u0032\u0035\u0036","kid":"KID","typ":"at+jwt"}""", TokenRejectionReason.None)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at\u002bjwt"}""", TokenRejectionReason.None)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"\u0061pplication/at+jwt"}""", TokenRejectionReason.None)]
    [InlineData("""{"alg":"HS\ud800","kid":"KID","typ":"at+jwt"}""", TokenRejectionReason.UnsupportedAlgorithm)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061\u0061"}""", TokenRejectionReason.WrongType)]
    public void EscapedHeaderValues_UnescapedByTheGeneralReader(string template, TokenRejectionReason expected)
    {
        // Escapes take the general reader (the compact one gives up on a backslash); both must agree with the expectation.
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var header = template.Replace("KID", f.Ring.Current.Kid, StringComparison.Ordinal);
        var token = Craft(f, Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(f.Claims()));
        var (compact, general) = Both(f, token);
        AssertSame(compact, general, header);
        Assert.Equal(expected, compact.Reason);
    }

    [Fact]
    public void LongLists_AtAndOverTheLimit_SameAnswer()
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        foreach (var n in (int[])[63, 64, 65])
        {
            var audiences = string.Join(',', Enumerable.Range(0, n - 1).Select(i => $"\"a{i}\"").Append("\"trading-api\""));
            var roles = string.Join(',', Enumerable.Range(0, n).Select(i => $"\"r{i}\""));
            var claims = $$"""{"iss":"desk-gateway","aud":[{{audiences}}],"sub":"alice","sid":"s-1","jti":"j1","iat":{{f.Now}},"exp":{{f.Now + 900}},"roles":[{{roles}}]}""";
            var token = Craft(f, Encoding.UTF8.GetBytes(f.Header()), Encoding.UTF8.GetBytes(claims));
            var (compact, general) = Both(f, token);
            AssertSame(compact, general, claims);
            Assert.Equal(n <= 64, compact.IsValid);
        }
    }

    // Headers at the compact subset's edges: repeated members, a kid at and over the 64-byte buffer, escapes, NUL, other types.
    [Theory]
    [InlineData("""{"alg":"HS256","alg":"HS256","kid":"KID","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt","alg":"none"}""")]
    [InlineData("""{"alg":"none","kid":"KID","typ":"at+jwt","alg":"HS256"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt","typ":"JWT"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","kid":"other","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KIDKID","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID64","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID65","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID\u0000","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt\u0000"}""")]
    [InlineData("""{"alg":"HS256 ","kid":"KID","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"hs256","kid":"KID","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS\u0032\u0035\u0036","kid":"KID","typ":"at+jwt"}""")]
    [InlineData("""{"alg":null,"kid":"KID","typ":"at+jwt"}""")]
    [InlineData("""{"alg":["HS256"],"kid":"KID","typ":"at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"application/at+jwt"}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt","jwk":{"kty":"oct"}}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt","crit":[]}""")]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt"} """)]
    [InlineData("""{"alg":"HS256","kid":"KID","typ":"at+jwt"}}""")]
    [InlineData("""{"typ":"at+jwt","kid":"KID"}""")]
    [InlineData("""{"alg":"HS256"}""")]
    [InlineData("""{"":"","alg":"HS256","kid":"KID","typ":"at+jwt"}""")]
    public void CraftedHeaders_SameAnswer(string template)
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var kid = f.Ring.Current.Kid;
        var header = template.Replace("KID64", kid + new string('x', 64 - kid.Length), StringComparison.Ordinal)
            .Replace("KID65", kid + new string('x', 65 - kid.Length), StringComparison.Ordinal)
            .Replace("KID", kid, StringComparison.Ordinal)
            .Replace("\\u0000\"", "\0\"", StringComparison.Ordinal); // a raw NUL inside the string, not the escape
        var token = Craft(f, Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(f.Claims()));
        var (compact, general) = Both(f, token);
        AssertSame(compact, general, header);
    }

    // Claims at the edges: lists of 8 and 9 names (the compact buffer), empty strings, dates at the limits, nesting, NUL.
    [Theory]
    [InlineData(""","roles":["a","b","c","d","e","f","g","h"]""")]
    [InlineData(""","roles":["a","b","c","d","e","f","g","h","i"]""")]
    [InlineData(""","amr":["a","b","c","d","e","f","g","h"],"roles":["a","b","c","d","e","f","g","h","i"]""")]
    [InlineData(""","roles":["trader","trader"]""")]
    [InlineData(""","roles":["r","r1","r10","r1"]""")]
    [InlineData(""","roles":[["trader"]]""")]
    [InlineData(""","roles":[null]""")]
    [InlineData(""","roles":[" trader"]""")]
    [InlineData(""","roles":["\u0000"]""")]
    [InlineData(""","amr":[]""")]
    [InlineData(""","auth_time":0""")]
    [InlineData(""","auth_time":253402300799""")]
    [InlineData(""","auth_time":253402300800""")]
    [InlineData(""","auth_time":0000000000001""")]
    [InlineData(""","auth_time":1.0""")]
    [InlineData(""","auth_time":"1""")]
    [InlineData(""","nbf":0""")]
    [InlineData(""","nbf":999999999999""")]
    [InlineData(""","jti":"" """)]
    [InlineData(""","x":{"a":[1,{"b":2}]}""")]
    public void CraftedClaimsTail_SameAnswer(string tail)
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        tail = tail.TrimEnd().Replace("\\u0000\"", "\0\"", StringComparison.Ordinal);
        var jti = tail.StartsWith(",\"jti\"", StringComparison.Ordinal) ? string.Empty : ",\"jti\":\"j1\"";
        var claims = $$"""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1"{{jti}},"iat":{{f.Now}},"exp":{{f.Now + 900}}{{tail}}}""";
        var token = Craft(f, Encoding.UTF8.GetBytes(f.Header()), Encoding.UTF8.GetBytes(claims));
        var (compact, general) = Both(f, token);
        AssertSame(compact, general, claims);
    }

    [Theory]
    [InlineData("""{"iss":"","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":[""],"sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":["trading-api","trading-api"],"sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":["x",["trading-api"]],"sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway ","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","sid":"s-2","jti":"j1","iat":NOW,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":0,"exp":EXP}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":253402300799}""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP}NUL""")]
    [InlineData("""{"iss":"desk-gateway","aud":"trading-api","sub":"alice","sid":"s-1","jti":"j1","iat":NOW,"exp":EXP,"iat":NOW}""")]
    public void CraftedClaimsEdges_SameAnswer(string template)
    {
        using var f = new TokenFixture(SigningAlgorithm.HS256);
        var claims = template.Replace("NOW", f.Now.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("EXP", (f.Now + 900).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("NUL", "\0", StringComparison.Ordinal);
        var token = Craft(f, Encoding.UTF8.GetBytes(f.Header()), Encoding.UTF8.GetBytes(claims));
        var (compact, general) = Both(f, token);
        AssertSame(compact, general, claims);
    }

    [Fact]
    public async Task SharedValidator_ManyDistinctNames_ConcurrentlyEachPrincipalGetsItsOwnRoles()
    {
        // One validator's name cache fills (32 names) while two threads read lists of names that are prefixes of one another.
        using var f = new TokenFixture(SigningAlgorithm.HS256, o => o.AccessTokens.ValidatedTokenCacheSize = 0);
        var validator = new AccessTokenValidator(f.Options, f.Ring, f.Revocation, f.Time);
        var tokens = Enumerable.Range(0, 200).Select(i =>
        {
            string[] roles = [$"r{i % 50}", $"r{i % 50}x", $"r{(i * 7) % 50}", "r"];
            var claims = $$"""{"iss":"desk-gateway","aud":"trading-api","sub":"u{{i}}","sid":"s-1","jti":"j1","iat":{{f.Now}},"exp":{{f.Now + 900}},"roles":[{{string.Join(',', roles.Select(r => $"\"{r}\""))}}]}""";
            return (Token: Craft(f, Encoding.UTF8.GetBytes(f.Header()), Encoding.UTF8.GetBytes(claims)), Roles: roles);
        }).ToArray();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            for (var round = 0; round < 5; round++)
            {
                foreach (var (token, roles) in tokens)
                {
                    var result = await validator.ValidateAsync(token);
                    Assert.True(result.IsValid, result.Reason.ToString());
                    Assert.Equal(roles, result.Principal!.Roles);
                }
            }
        })));
    }

    private static (int Accepted, int Total) CheckMutations(TokenFixture f, byte[] json, Func<byte[], string> craft)
    {
        var (accepted, total) = (0, 0);
        foreach (var mutated in Mutations(json))
        {
            var token = craft(mutated);
            var (compact, general) = Both(f, token);
            AssertSame(compact, general, Convert.ToHexString(mutated));
            total++;
            accepted += compact.IsValid ? 1 : 0;
        }

        return (accepted, total);
    }

    private static IEnumerable<byte[]> Mutations(byte[] json)
    {
        for (var i = 0; i < json.Length; i++)
        {
            yield return [.. json[..i], .. json[(i + 1)..]];
            foreach (var b in Probes)
            {
                yield return [.. json[..i], b, .. json[i..]];
                if (json[i] != b)
                {
                    var replaced = (byte[])json.Clone();
                    replaced[i] = b;
                    yield return replaced;
                }
            }
        }
    }

    private static string Craft(TokenFixture f, byte[] header, byte[] claims)
    {
        var input = SigningKey.Base64UrlEncode(header) + "." + SigningKey.Base64UrlEncode(claims);
        return input + "." + SigningKey.Base64UrlEncode(f.Ring.Current.Sign(Encoding.ASCII.GetBytes(input)));
    }

    private static (AccessTokenValidationResult Compact, AccessTokenValidationResult General) Both(TokenFixture f, string token)
    {
        var compactValidator = new AccessTokenValidator(f.Options, f.Ring, f.Revocation, f.Time);
        var generalValidator = new AccessTokenValidator(f.Options, f.Ring, f.Revocation, f.Time) { CompactReading = false };
        return (compactValidator.ValidateAsync(token).AsTask().GetAwaiter().GetResult(), generalValidator.ValidateAsync(token).AsTask().GetAwaiter().GetResult());
    }

    private static void AssertSame(AccessTokenValidationResult compact, AccessTokenValidationResult general, string input)
    {
        Assert.True(general.Reason == compact.Reason, $"{input}: compact {compact.Reason}, general {general.Reason}");
        Assert.Equal(general.IsValid, compact.IsValid);
        Assert.Equal(general.ExpiresAt, compact.ExpiresAt);
        if (compact.IsValid)
        {
            Assert.Equal(general.Principal!.Subject, compact.Principal.Subject);
            Assert.Equal(general.Principal.SessionId, compact.Principal.SessionId);
            Assert.Equal(general.Principal.Roles, compact.Principal.Roles);
            Assert.Equal(general.Principal.AuthenticationMethods, compact.Principal.AuthenticationMethods);
            Assert.Equal(general.Principal.AuthenticatedAt, compact.Principal.AuthenticatedAt);
        }
    }
}
