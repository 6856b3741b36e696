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

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(54)]
    [InlineData(55)]
    [InlineData(56)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(119)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(70_000)]
    public void LeafPrefixed_MatchesManagedSha256OfPrefixAndEntry(int entryLength)
    {
        // The prefixed leaf input hashed in place (segment frames, the writer's block) against SHA-256(0x00 || entry).
        var input = RandomNumberGenerator.GetBytes(entryLength + 1);
        input[0] = MerkleHash.LeafPrefix;
        var actual = new byte[32];
        MerkleHash.LeafPrefixed(input, actual);
        Assert.Equal(SHA256.HashData(input), actual);
        Assert.Equal(MerkleHash.Leaf(input.AsSpan(1)), actual);
    }

    [Fact]
    public void LeafPrefixed_EveryEntryLengthUpTo300_MatchesLeaf()
    {
        var input = RandomNumberGenerator.GetBytes(301);
        input[0] = MerkleHash.LeafPrefix;
        var actual = new byte[32];
        for (var length = 0; length <= 300; length++)
        {
            MerkleHash.LeafPrefixed(input.AsSpan(0, length + 1), actual);
            Assert.Equal(SHA256.HashData(input.AsSpan(0, length + 1)), actual);
        }
    }

    [Fact]
    public void LeafPrefixed_WithoutTheLeafPrefix_Throws()
    {
        Assert.Throws<ArgumentException>(() => MerkleHash.LeafPrefixed([0x01, 2, 3], new byte[32]));
        Assert.Throws<ArgumentException>(() => MerkleHash.LeafPrefixed([], new byte[32]));
        Assert.Throws<ArgumentException>(() => MerkleHash.LeafPrefixed([0x00], new byte[31]));
    }

    [Fact]
    public void Node_DestinationIsAnInput_MatchesManagedSha256()
    {
        var left = RandomNumberGenerator.GetBytes(32);
        var right = RandomNumberGenerator.GetBytes(32);
        var expected = SHA256.HashData([MerkleHash.NodePrefix, .. left, .. right]);
        var both = left.Concat(right).ToArray();
        MerkleHash.Node(both.AsSpan(0, 32), both.AsSpan(32), both.AsSpan(0, 32));
        Assert.Equal(expected, both[..32]);
        MerkleHash.Node(left, right, right);
        Assert.Equal(expected, right);
    }

    [Fact]
    public void HashEquals_ComparesAll32Bytes()
    {
        var a = RandomNumberGenerator.GetBytes(32);
        Assert.True(MerkleHash.HashEquals(a, a.ToArray()));
        for (var i = 0; i < 32; i++)
        {
            var b = a.ToArray();
            b[i] ^= 0x80;
            Assert.False(MerkleHash.HashEquals(a, b));
        }

        Assert.False(MerkleHash.HashEquals(a, a.AsSpan(0, 31)));
        Assert.False(MerkleHash.HashEquals(a.AsSpan(0, 31), a.AsSpan(0, 31)));
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
