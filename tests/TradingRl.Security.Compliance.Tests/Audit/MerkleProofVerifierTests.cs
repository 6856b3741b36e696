using System.Text.Json;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Compliance.Tests.Audit;

public sealed class MerkleProofVerifierTests
{
    public static TheoryData<string> InclusionVectors() => Files("inclusion");

    public static TheoryData<string> ConsistencyVectors() => Files("consistency");

    [Fact]
    public void Vectors_AllFilesPresent_196()
    {
        Assert.Equal(98, InclusionVectors().Count);
        Assert.Equal(98, ConsistencyVectors().Count);
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void VerifyInclusion_Vector_MatchesWantErr(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path(file)));
        var root = doc.RootElement;
        var ok = MerkleProofVerifier.VerifyInclusion(
            // Indices beyond long.MaxValue (e.g. 2^64 - 1 in "leafIdx-sub") map to negative values, which the signed API refuses.
            unchecked((long)root.GetProperty("leafIdx").GetUInt64()),
            unchecked((long)root.GetProperty("treeSize").GetUInt64()),
            Bytes(root, "leafHash"),
            Proof(root),
            Bytes(root, "root"));
        Assert.Equal(!root.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Theory]
    [MemberData(nameof(ConsistencyVectors))]
    public void VerifyConsistency_Vector_MatchesWantErr(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedData.Path(file)));
        var root = doc.RootElement;
        var ok = MerkleProofVerifier.VerifyConsistency(
            unchecked((long)root.GetProperty("size1").GetUInt64()),
            unchecked((long)root.GetProperty("size2").GetUInt64()),
            Bytes(root, "root1"),
            Bytes(root, "root2"),
            Proof(root));
        Assert.Equal(!root.GetProperty("wantErr").GetBoolean(), ok);
    }

    [Fact]
    public void VerifyInclusion_NullProofOrNegativeIndex_False()
    {
        var h = new byte[32];
        Assert.False(MerkleProofVerifier.VerifyInclusion(0, 1, h, null!, h));
        Assert.False(MerkleProofVerifier.VerifyInclusion(-1, 1, h, [], h));
        Assert.False(MerkleProofVerifier.VerifyConsistency(1, 2, h, h, null!));
    }

    private static TheoryData<string> Files(string kind)
    {
        var data = new TheoryData<string>();
        var dir = SharedData.Path("data/merkle-vectors/" + kind);
        foreach (var f in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(SharedData.Path(string.Empty), f));
        }

        return data;
    }

    private static byte[] Bytes(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Convert.FromBase64String(v.GetString()!) : [];

    private static List<ReadOnlyMemory<byte>> Proof(JsonElement e) =>
        e.TryGetProperty("proof", out var p) && p.ValueKind == JsonValueKind.Array
            ? [.. p.EnumerateArray().Select(x => (ReadOnlyMemory<byte>)Convert.FromBase64String(x.GetString() ?? string.Empty))]
            : [];
}
