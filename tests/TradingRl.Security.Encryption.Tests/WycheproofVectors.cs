using System.Text.Json;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Encryption.Tests;

/// <summary>Loads Wycheproof test vectors from the shared folder as they are.</summary>
internal static class WycheproofVectors
{
    public static IEnumerable<(int KeySize, int IvSize, JsonElement Test)> Aead(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("vectors/wycheproof/" + file)));
        var list = new List<(int, int, JsonElement)>();
        foreach (var group in document.RootElement.GetProperty("testGroups").EnumerateArray())
        {
            var keySize = group.GetProperty("keySize").GetInt32();
            var ivSize = group.GetProperty("ivSize").GetInt32();
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                list.Add((keySize, ivSize, test.Clone()));
            }
        }

        return list;
    }

    public static IEnumerable<JsonElement> Tests(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(SharedData.Path("vectors/wycheproof/" + file)));
        return [.. document.RootElement.GetProperty("testGroups").EnumerateArray().SelectMany(g => g.GetProperty("tests").EnumerateArray()).Select(t => t.Clone())];
    }

    public static byte[] Hex(this JsonElement test, string name) => Convert.FromHexString(test.GetProperty(name).GetString()!);

    public static string Result(this JsonElement test) => test.GetProperty("result").GetString()!;

    public static int Id(this JsonElement test) => test.GetProperty("tcId").GetInt32();
}
