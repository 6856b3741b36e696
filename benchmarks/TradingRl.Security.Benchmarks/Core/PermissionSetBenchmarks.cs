using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;

namespace TradingRl.Security.Benchmarks.Core;

/// <summary>Permission membership: our 512-bit <see cref="PermissionSet"/> beside the sets a host would otherwise use.</summary>
[MemoryDiagnoser]
public class PermissionSetBenchmarks
{
    private PermissionSet _set;
    private HashSet<string> _hashSet = null!;
    private FrozenSet<string> _frozenSet = null!;
    private SecurityPrincipal _principal = null!;
    private Permission _hostPermission;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = new PermissionCatalog();
        var all = new List<Permission> { Permissions.PlaceOrder, Permissions.CancelOrder, Permissions.ViewOrders };
        for (var i = 0; i < 300; i++)
        {
            all.Add(catalog.Define($"host.permission-{i}"));
        }

        _hostPermission = all[^1];
        _set = PermissionSet.Of([.. all]);
        _hashSet = new HashSet<string>(all.Select(p => p.Name), StringComparer.Ordinal);
        _frozenSet = _hashSet.ToFrozenSet(StringComparer.Ordinal);
        _principal = new SecurityPrincipal("agent-1") { Permissions = _set };
    }

    [Benchmark(Baseline = true, Description = "PermissionSet.Contains (ours)")]
    public bool PermissionSetContains() => _set.Contains(_hostPermission);

    [Benchmark(Description = "SecurityPrincipal.HasPermission (ours)")]
    public bool PrincipalHasPermission() => _principal.HasPermission(Permissions.PlaceOrder);

    [Benchmark(Description = "HashSet<string>.Contains (peer)")]
    public bool HashSetContains() => _hashSet.Contains("host.permission-299");

    [Benchmark(Description = "FrozenSet<string>.Contains (peer)")]
    public bool FrozenSetContains() => _frozenSet.Contains("host.permission-299");
}
