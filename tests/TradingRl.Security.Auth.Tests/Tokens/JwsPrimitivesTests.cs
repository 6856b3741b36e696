using System.Security.Cryptography;
using System.Text.Json;
using NSec.Cryptography;
using TradingRl.Security.Auth.Tokens;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>Wycheproof vectors run through the same calls the token validator makes.</summary>
public sealed class JwsPrimitivesTests
{
    [Fact]
    public void VerifyHmacSha256_WycheproofVectors_AllAsExpected()
    {
        var (valid, invalid) = (0, 0);
        foreach (var (group, test) in Tests("hmac_sha256_test.json"))
        {
            var tagBytes = group.GetProperty("tagSize").GetInt32() / 8;
            var ok = JwsPrimitives.VerifyHmacSha256(Hex(test, "key"), Hex(test, "msg"), Hex(test, "tag").AsSpan(0, Math.Min(tagBytes, Hex(test, "tag").Length)));
            Check(test, ok, ref valid, ref invalid);
        }

        // 174 tests in the file: 66 valid, 108 invalid (ModifiedTag).
        Assert.Equal((66, 108), (valid, invalid));
    }

    [Fact]
    public void VerifyEcdsaP256_WycheproofVectors_AllAsExpected()
    {
        var (valid, invalid) = (0, 0);
        foreach (var (group, test) in Tests("ecdsa_secp256r1_sha256_test.json"))
        {
            using var key = ECDsa.Create();
            bool ok;
            try
            {
                key.ImportSubjectPublicKeyInfo(Convert.FromHexString(group.GetProperty("publicKeyDer").GetString()!), out _);
                // The token path verifies the fixed 64-byte r||s form; a strict DER decoder turns the vector's DER into it.
                ok = TryStrictDerToP1363(Hex(test, "sig"), out var p1363) && JwsPrimitives.VerifyEcdsaP256(key, Hex(test, "msg"), p1363);
            }
            catch (CryptographicException)
            {
                ok = false;
            }

            Check(test, ok, ref valid, ref invalid);
        }

        Assert.Equal((174, 310), (valid, invalid));
    }

    [Fact]
    public void VerifyEcdsaP256_JwsForm_OnlyFixed64Bytes()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = "header.payload"u8.ToArray();
        var sig = key.SignData(data, HashAlgorithmName.SHA256);
        Assert.True(JwsPrimitives.VerifyEcdsaP256(key, data, sig));
        Assert.False(JwsPrimitives.VerifyEcdsaP256(key, data, [.. sig, 0]));
        Assert.False(JwsPrimitives.VerifyEcdsaP256(key, data, key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
    }

    [Fact]
    public void VerifyEd25519_WycheproofVectors_AllAsExpected()
    {
        var (valid, invalid) = (0, 0);
        foreach (var (group, test) in Tests("ed25519_test.json"))
        {
            var pk = Convert.FromHexString(group.GetProperty("publicKey").GetProperty("pk").GetString()!);
            var ok = NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, pk, KeyBlobFormat.RawPublicKey, out var key)
                && JwsPrimitives.VerifyEd25519(key!, Hex(test, "msg"), Hex(test, "sig"));
            Check(test, ok, ref valid, ref invalid);
        }

        Assert.Equal((88, 63), (valid, invalid));
    }

    private static bool TryStrictDerToP1363(byte[] der, out byte[] p1363)
    {
        p1363 = new byte[64];
        try
        {
            var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER);
            var seq = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            var r = seq.ReadIntegerBytes().Span;
            var s = seq.ReadIntegerBytes().Span;
            seq.ThrowIfNotEmpty();
            return Place(r, p1363.AsSpan(0, 32)) && Place(s, p1363.AsSpan(32));
        }
        catch (System.Formats.Asn1.AsnContentException)
        {
            return false;
        }

        static bool Place(ReadOnlySpan<byte> integer, Span<byte> destination)
        {
            // DER integers are minimal two's complement: a negative value, or one wider than 256 bits, is no valid r or s.
            if (integer.Length == 0 || (integer[0] & 0x80) != 0)
            {
                return false;
            }

            if (integer[0] == 0 && integer.Length > 1)
            {
                integer = integer[1..];
            }

            if (integer.Length > 32)
            {
                return false;
            }

            integer.CopyTo(destination[(32 - integer.Length)..]);
            return true;
        }
    }

    private static void Check(JsonElement test, bool ok, ref int valid, ref int invalid)
    {
        var expected = test.GetProperty("result").GetString();
        var id = test.GetProperty("tcId").GetInt32();
        switch (expected)
        {
            case "valid":
                Assert.True(ok, $"tcId {id} should verify");
                valid++;
                break;
            case "invalid":
                Assert.False(ok, $"tcId {id} should be refused");
                invalid++;
                break;
            default:
                // "acceptable": either outcome is allowed; none of the stored files has one.
                break;
        }
    }

    private static byte[] Hex(JsonElement test, string name) => Convert.FromHexString(test.GetProperty(name).GetString()!);

    private static IEnumerable<(JsonElement Group, JsonElement Test)> Tests(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors/wycheproof/" + file)));
        var root = doc.RootElement.Clone();
        foreach (var group in root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                yield return (group, test);
            }
        }
    }
}
