using System.Security.Cryptography;
using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class Sha256DigestTests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Hash_NistVectors_MatchPublishedDigests(string input, string expected)
    {
        var digest = new byte[32];
        Sha256Digest.Hash(System.Text.Encoding.ASCII.GetBytes(input), digest);
        Assert.Equal(expected, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Hash_EveryLengthUpTo1100_MatchesManagedSha256()
    {
        var input = RandomNumberGenerator.GetBytes(1100);
        var actual = new byte[32];
        for (var length = 0; length <= input.Length; length++)
        {
            Sha256Digest.Hash(input.AsSpan(0, length), actual);
            Assert.Equal(SHA256.HashData(input.AsSpan(0, length)), actual);
        }
    }

    [Fact]
    public void Hash_OnLinux_UsesTheFetchedOpenSslDigest()
    {
        // The fast path must be active where the benchmarks claim it; elsewhere the managed path is the correct fallback.
        Assert.Equal(OperatingSystem.IsLinux() ? Sha256Digest.Kind.LowLevel : Sha256Digest.Kind.Managed, Sha256Digest.Implementation);
    }

    [Fact]
    public void Hash_ShortDestination_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => Sha256Digest.Hash([1, 2, 3], new byte[31]));
    }
}
