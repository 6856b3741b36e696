using System.Text;
using TradingRl.Security.Auth.Passwords;

namespace TradingRl.Security.Auth.Tests.Passwords;

public sealed class PepperTests
{
    private static readonly string Pepper1 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly string Pepper2 = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    private static PasswordHashingOptions Peppered(string? current, params (string Id, string Secret)[] peppers)
    {
        var o = Argon2idPasswordHasherTests.Cheap();
        o.Peppers = peppers.ToDictionary(p => p.Id, p => p.Secret);
        o.CurrentPepperId = current;
        return o;
    }

    [Fact]
    public async Task HashAsync_WithPepper_WritesKeyIdAndMatchesKonsciousWithTheSecret()
    {
        using var hasher = new Argon2idPasswordHasher(Peppered("cGVwMQ", ("cGVwMQ", Pepper1)));
        var phc = await hasher.HashAsync("a long enough passphrase");
        Assert.Matches(@"^\$argon2id\$v=19\$m=19456,t=2,p=1,keyid=cGVwMQ\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", phc);

        // Recomputed independently: Konscious with RFC 9106's secret K = the pepper.
        var parts = phc.Split('$');
        var salt = Convert.FromBase64String(parts[4] + "==");
        var expected = Argon2idEngines.Managed(Encoding.UTF8.GetBytes("a long enough passphrase"), salt, 19_456, 2, 1, 32, Convert.FromBase64String(Pepper1));
        Assert.Equal(Convert.ToBase64String(expected).TrimEnd('='), parts[5]);
        Assert.Equal(PasswordVerificationResult.Success, await hasher.VerifyAsync("a long enough passphrase", phc));
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("a long enough passphrasE", phc));
    }

    [Fact]
    public async Task VerifyAsync_PepperedHashWithoutThePepper_FailsClosed()
    {
        using var peppered = new Argon2idPasswordHasher(Peppered("cGVwMQ", ("cGVwMQ", Pepper1)));
        var phc = await peppered.HashAsync("a long enough passphrase");
        using var plain = new Argon2idPasswordHasher(Argon2idPasswordHasherTests.Cheap());
        Assert.Equal(PasswordVerificationResult.Failed, await plain.VerifyAsync("a long enough passphrase", phc));

        // The same key id with another secret is a different hash.
        using var wrong = new Argon2idPasswordHasher(Peppered("cGVwMQ", ("cGVwMQ", Pepper2)));
        Assert.Equal(PasswordVerificationResult.Failed, await wrong.VerifyAsync("a long enough passphrase", phc));
    }

    [Fact]
    public async Task VerifyAsync_PepperRotated_OldHashVerifiesAndAsksForRehash()
    {
        using var before = new Argon2idPasswordHasher(Peppered("cGVwMQ", ("cGVwMQ", Pepper1)));
        var old = await before.HashAsync("a long enough passphrase");
        using var unpeppered = new Argon2idPasswordHasher(Argon2idPasswordHasherTests.Cheap());
        var plain = await unpeppered.HashAsync("a long enough passphrase");

        using var after = new Argon2idPasswordHasher(Peppered("cGVwMg", ("cGVwMQ", Pepper1), ("cGVwMg", Pepper2)));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, await after.VerifyAsync("a long enough passphrase", old));
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, await after.VerifyAsync("a long enough passphrase", plain));
        var fresh = await after.HashAsync("a long enough passphrase");
        Assert.Contains(",keyid=cGVwMg$", fresh, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, await after.VerifyAsync("a long enough passphrase", fresh));
    }

    [Theory]
    [InlineData("keyid=")]
    [InlineData("keyid=!!")]
    [InlineData("keyid=QUJDREVGR0hJSg")] // 10 bytes: more than the 8 the PHC format allows
    [InlineData("salt=abcd")]
    public async Task VerifyAsync_MalformedKeyIdParameter_Fails(string parameter)
    {
        using var hasher = new Argon2idPasswordHasher(Peppered("cGVwMQ", ("cGVwMQ", Pepper1)));
        var phc = await hasher.HashAsync("a long enough passphrase");
        var tampered = phc.Replace("keyid=cGVwMQ", parameter, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("a long enough passphrase", tampered));
    }

    [Theory]
    [InlineData("no/such", null, "key id 'no/such'")]
    [InlineData("cGVwMQ", "c2hvcnQ=", "pepper 'cGVwMQ' must be base64 of at least 32")]
    [InlineData("cGVwMQ", "not base64!", "pepper 'cGVwMQ' must be base64 of at least 32")]
    public void Constructor_BadPepper_RefusedWithoutTheSecretInTheMessage(string id, string? secret, string expected)
    {
        var options = Peppered(null, (id, secret ?? Pepper1));
        var ex = Assert.Throws<ArgumentException>(() => new Argon2idPasswordHasher(options));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret ?? Pepper1, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_CurrentPepperIdNotConfigured_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Argon2idPasswordHasher(Peppered("cGVwMg", ("cGVwMQ", Pepper1))));
        Assert.Contains("CurrentPepperId 'cGVwMg' names no entry", ex.Message, StringComparison.Ordinal);
    }
}
