using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class MerkleTreeTests
{
    // The RFC 6962 test tree's entries and its roots for sizes 0..8 (shared/data/merkle-vectors/README.md).
    private static readonly string[] Entries = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];

    private static readonly string[] Roots =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    [Fact]
    public void Root_Rfc6962TestTree_MatchesPublishedRoots()
    {
        var tree = new MerkleTree();
        Assert.Equal(Roots[0], Convert.ToHexStringLower(tree.Root(0)));
        for (var i = 0; i < Entries.Length; i++)
        {
            tree.Append(MerkleHash.Leaf(Convert.FromHexString(Entries[i])));
            for (var size = 0; size <= tree.Count; size++)
            {
                Assert.Equal(Roots[size], Convert.ToHexStringLower(tree.Root(size)));
            }
        }
    }

    [Fact]
    public void Frontier_Rfc6962TestTree_MatchesPublishedRoots()
    {
        var frontier = new MerkleFrontier();
        Assert.Equal(Roots[0], Convert.ToHexStringLower(frontier.Root()));
        for (var i = 0; i < Entries.Length; i++)
        {
            frontier.Append(MerkleHash.Leaf(Convert.FromHexString(Entries[i])));
            Assert.Equal(Roots[i + 1], Convert.ToHexStringLower(frontier.Root()));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(33)]
    public void Proofs_EverySizeUpToN_VerifyAgainstOlderSizes(int n)
    {
        var tree = new MerkleTree();
        for (var i = 0; i < n; i++)
        {
            tree.Append(MerkleHash.Leaf([(byte)i, (byte)(i >> 8)]));
        }

        for (long size = 1; size <= n; size++)
        {
            var root = tree.Root(size);
            for (long index = 0; index < size; index++)
            {
                var proof = tree.InclusionProof(index, size);
                Assert.True(MerkleProofVerifier.VerifyInclusion(index, size, tree.LeafHash(index), proof, root));
                Assert.False(MerkleProofVerifier.VerifyInclusion(index, size, tree.LeafHash((index + 1) % size == index ? 0 : (index + 1) % size), proof, root) && size > 1);
            }

            for (long older = 1; older <= size; older++)
            {
                var proof = tree.ConsistencyProof(older, size);
                Assert.True(MerkleProofVerifier.VerifyConsistency(older, size, tree.Root(older), root, proof));
                if (proof.Count > 0)
                {
                    var bad = proof.Select(p => p.ToArray()).ToList();
                    bad[0][0] ^= 1;
                    Assert.False(MerkleProofVerifier.VerifyConsistency(older, size, tree.Root(older), root, [.. bad.Select(b => (ReadOnlyMemory<byte>)b)]));
                }
            }
        }
    }

    [Fact]
    public void InclusionProof_SizeZeroOrBeyond_Throws()
    {
        var tree = new MerkleTree();
        tree.Append(MerkleHash.Leaf([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(0, 1));
    }

    [Fact]
    public void Tree_AcrossLevelPages_MatchesFrontierAndProofsVerify()
    {
        // More leaves than one level page (2,048 hashes), so leaf and node lookups cross page boundaries.
        var tree = new MerkleTree();
        var frontier = new MerkleFrontier();
        for (var i = 0; i < 5000; i++)
        {
            var leaf = MerkleHash.Leaf(BitConverter.GetBytes(i));
            tree.Append(leaf);
            frontier.Append(leaf);
            if (i % 997 == 0 || i is 2047 or 2048 or 4095 or 4096)
            {
                Assert.Equal(frontier.Root(), tree.Root(tree.Count));
            }
        }

        Assert.Equal(frontier.Root(), tree.Root(5000));
        foreach (var index in (long[])[0, 2047, 2048, 4095, 4096, 4999])
        {
            Assert.Equal(MerkleHash.Leaf(BitConverter.GetBytes((int)index)), tree.LeafHash(index));
            Assert.True(MerkleProofVerifier.VerifyInclusion(index, 5000, tree.LeafHash(index), tree.InclusionProof(index, 5000), tree.Root(5000)));
        }

        tree.Truncate(2049);
        var rebuilt = new MerkleFrontier();
        for (var i = 0; i < 2049; i++)
        {
            rebuilt.Append(MerkleHash.Leaf(BitConverter.GetBytes(i)));
        }

        Assert.Equal(rebuilt.Root(), tree.Root(2049));
    }

    [Fact]
    public void Truncate_ThenAppend_RootsAsIfNeverAppended()
    {
        var tree = new MerkleTree();
        for (var i = 0; i < 8; i++)
        {
            tree.Append(MerkleHash.Leaf(Convert.FromHexString(Entries[i])));
        }

        tree.Truncate(5);
        Assert.Equal(Roots[5], Convert.ToHexStringLower(tree.Root(5)));
        tree.Append(MerkleHash.Leaf(Convert.FromHexString(Entries[5])));
        Assert.Equal(Roots[6], Convert.ToHexStringLower(tree.Root(6)));
    }
}
