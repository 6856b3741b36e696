using System.Text;
using System.Text.Json;
using TradingRl.Security.Auth.Passwords;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Auth.Tests.Passwords;

public sealed class Argon2idPasswordHasherTests
{
    // The smallest cost the options accept, so the tests stay fast.
    internal static PasswordHashingOptions Cheap(Argon2Backend backend = Argon2Backend.Libsodium, int parallelism = 1) => new()
    {
        Backend = backend,
        MemoryKiB = PasswordHashingOptions.MinimumMemoryKiB,
        Iterations = 2,
        Parallelism = parallelism,
    };

    [Fact]
    public void Rfc9106_Argon2idVector_ThroughKonscious_MatchesTag()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path("vectors/rfc/argon2_rfc9106.json")));
        var r = doc.RootElement;
        var tag = Argon2idEngines.Managed(
            Convert.FromHexString(r.GetProperty("passwordHex").GetString()!),
            Convert.FromHexString(r.GetProperty("saltHex").GetString()!),
            r.GetProperty("memoryKiB").GetInt32(),
            r.GetProperty("iterations").GetInt32(),
            r.GetProperty("parallelism").GetInt32(),
            r.GetProperty("tagLength").GetInt32(),
            Convert.FromHexString(r.GetProperty("secretHex").GetString()!),
            Convert.FromHexString(r.GetProperty("associatedDataHex").GetString()!));

        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", Convert.ToHexStringLower(tag));
        Assert.Equal("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", r.GetProperty("tags").GetProperty("argon2id").GetString());
    }

    [Fact]
    public void Libsodium_SameInputsAsKonscious_SameTag()
    {
        var password = "correct horse battery staple"u8.ToArray();
        var salt = Convert.FromHexString("000102030405060708090a0b0c0d0e0f");
        var native = new byte[32];
        Argon2idEngines.Libsodium(password, salt, 1024, 2, native);
        var managed = Argon2idEngines.Managed(password, salt, 1024, 2, 1, 32);
        Assert.Equal(Convert.ToHexString(managed), Convert.ToHexString(native));
    }

    [Fact]
    public async Task HashAsync_Default_IsPhcStringWithPolicyParameters()
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        var phc = await hasher.HashAsync("a long enough passphrase");
        Assert.Matches(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$", phc);
    }

    [Fact]
    public async Task HashAsync_SamePasswordTwice_DifferentSalts()
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        Assert.NotEqual(await hasher.HashAsync("pw"), await hasher.HashAsync("pw"));
    }

    [Theory]
    [InlineData(Argon2Backend.Libsodium, Argon2Backend.Managed)]
    [InlineData(Argon2Backend.Managed, Argon2Backend.Libsodium)]
    public async Task VerifyAsync_HashFromOtherBackend_Succeeds(Argon2Backend maker, Argon2Backend checker)
    {
        using var a = new Argon2idPasswordHasher(Cheap(maker));
        using var b = new Argon2idPasswordHasher(Cheap(checker));
        var phc = await a.HashAsync("täglich Brot 🍞");
        Assert.Equal(PasswordVerificationResult.Success, await b.VerifyAsync("täglich Brot 🍞", phc));
        Assert.Equal(PasswordVerificationResult.Failed, await b.VerifyAsync("täglich Brot 🍝", phc));
    }

    [Fact]
    public async Task VerifyAsync_ManagedHashWithTwoLanes_VerifiesThroughLibsodiumHasher()
    {
        using var managed = new Argon2idPasswordHasher(Cheap(Argon2Backend.Managed, parallelism: 2));
        using var native = new Argon2idPasswordHasher(Cheap());
        var phc = await managed.HashAsync("pw with lanes");
        Assert.Contains(",p=2$", phc, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, await native.VerifyAsync("pw with lanes", phc));
    }

    [Fact]
    public async Task VerifyAsync_ComposedAndDecomposedForms_MatchAfterNormalisation()
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        var phc = await hasher.HashAsync("Cafe\u0301 au lait");
        Assert.Equal(PasswordVerificationResult.Success, await hasher.VerifyAsync("Caf\u00e9 au lait", phc));
    }

    [Fact]
    public async Task VerifyAsync_TrailingSpace_IsNotTrimmed()
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        var phc = await hasher.HashAsync("secret ");
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("secret", phc));
    }

    [Fact]
    public async Task VerifyAsync_LongPasswordDifferingAtTheEnd_IsNotTruncated()
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        var a = new string('x', 200) + "a";
        var phc = await hasher.HashAsync(a);
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync(new string('x', 200) + "b", phc));
    }

    [Fact]
    public async Task VerifyAsync_StoredBelowPolicy_SuccessRehashNeeded()
    {
        using var weak = new Argon2idPasswordHasher(Cheap());
        var strongOptions = Cheap();
        strongOptions.Iterations = 3;
        using var strong = new Argon2idPasswordHasher(strongOptions);
        var phc = await weak.HashAsync("pw");
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, await strong.VerifyAsync("pw", phc));
        Assert.Equal(PasswordVerificationResult.Failed, await strong.VerifyAsync("wrong", phc));
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=4194304,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=1000,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=64$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task VerifyAsync_StoredHashAboveMaximumCost_FailsWithoutComputing(string crafted)
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("pw", crafted));
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$t=2,m=19456,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=019456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=-1,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=0,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAB$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$extra")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAA-_$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=99999999999,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task VerifyAsync_MalformedStoredHash_FailsWithoutThrowing(string stored)
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("pw", stored));
    }

    [Fact]
    public async Task VerifyAsync_TamperedHash_Fails()
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        var phc = await hasher.HashAsync("pw");
        var tampered = phc[..^2] + (phc[^2] == 'A' ? 'B' : 'A') + phc[^1];
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("pw", tampered));
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("pw", new string('$', 100_000)));
    }

    [Fact]
    public async Task Inputs_NullOrHugeOrInvalidUnicode_TypedErrorsOrFailed()
    {
        using var hasher = new Argon2idPasswordHasher(Cheap());
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await hasher.HashAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await hasher.VerifyAsync(null!, "x"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await hasher.VerifyAsync("x", null!));
        var huge = await Assert.ThrowsAsync<ArgumentException>(async () => await hasher.HashAsync(new string('p', 5_000)));
        Assert.DoesNotContain("ppp", huge.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(async () => await hasher.HashAsync("bad \ud800 surrogate"));
        var phc = await hasher.HashAsync("pw");
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync("bad \ud800", phc));
        Assert.Equal(PasswordVerificationResult.Failed, await hasher.VerifyAsync(new string('p', 5_000), phc));
    }

    [Fact]
    public async Task HashAsync_ConcurrencyCapOfOne_CallsWaitAndAllComplete()
    {
        var options = Cheap();
        options.MaxConcurrentHashes = 1;
        using var hasher = new Argon2idPasswordHasher(options);
        var hashes = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => hasher.HashAsync("pw" + i).AsTask()));
        Assert.Equal(4, hashes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task HashAsync_CancelledWhileWaitingForSlot_Throws()
    {
        var options = Cheap();
        options.MaxConcurrentHashes = 1;
        using var hasher = new Argon2idPasswordHasher(options);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await hasher.HashAsync("pw", cts.Token));
    }

    [Theory]
    [InlineData(Argon2Backend.Libsodium, 65_536, 3, 2, "Parallelism")]
    [InlineData(Argon2Backend.Managed, 8_192, 3, 1, "MemoryKiB")]
    [InlineData(Argon2Backend.Managed, 65_536, 1, 1, "Iterations")]
    public void Constructor_InsecureOrInconsistentOptions_ThrowsNamingSetting(Argon2Backend backend, int m, int t, int p, string setting)
    {
        var ex = Assert.Throws<ArgumentException>(() => new Argon2idPasswordHasher(new PasswordHashingOptions { Backend = backend, MemoryKiB = m, Iterations = t, Parallelism = p }));
        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Password_IsNfkcUtf8()
    {
        Assert.Equal(Encoding.UTF8.GetBytes("ﬁ"u8.Length == 3 ? "fi" : "fi"), Argon2idPasswordHasher.Encode("\ufb01"));
    }
}
