namespace TradingRl.Security.Tests;

public sealed class PermissionSetTests
{
    // Every entry of the seed's permission matrix (section 2.2), by the name the catalog gives it.
    [Theory]
    [InlineData("orders.place")]
    [InlineData("orders.cancel")]
    [InlineData("orders.view")]
    [InlineData("positions.modify")]
    [InlineData("risk.metrics.view")]
    [InlineData("risk.limits.modify")]
    [InlineData("risk.calculations.run")]
    [InlineData("risk.alerts.view")]
    [InlineData("users.manage")]
    [InlineData("system.configure")]
    [InlineData("security.settings.manage")]
    [InlineData("monitoring.access")]
    public void Catalog_SeedPermission_IsDefined(string name)
    {
        var catalog = new PermissionCatalog();
        Assert.True(catalog.TryGet(name, out var p));
        Assert.Equal(name, p.Name);
        Assert.InRange(p.Id, 0, Permissions.BuiltInCount - 1);
    }

    [Fact]
    public void Catalog_BuiltIns_AreTheTwelveOfTheSeed()
    {
        Assert.Equal(12, Permissions.All.Count);
        Assert.Equal(Enumerable.Range(0, 12), Permissions.All.Select(p => p.Id));
        Assert.Equal(12, new PermissionCatalog().Count);
    }

    [Fact]
    public void Contains_MemberAndNonMember_AnswersExactly()
    {
        var set = PermissionSet.Of(Permissions.PlaceOrder, Permissions.ViewOrders);
        Assert.True(set.Contains(Permissions.PlaceOrder));
        Assert.True(set.Contains(Permissions.ViewOrders));
        Assert.False(set.Contains(Permissions.CancelOrder));
        Assert.False(set.Contains(default));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Catalog_FiveHundredHostPermissions_AllFitAndTheNextFails()
    {
        var catalog = new PermissionCatalog();
        var set = PermissionSet.Empty;
        for (var i = 0; i < PermissionSet.Capacity - Permissions.BuiltInCount; i++)
        {
            set = set.Add(catalog.Define($"host.permission-{i}"));
        }

        Assert.Equal(512, catalog.Count);
        Assert.Equal(500, set.Count);
        Assert.True(set.Contains(catalog.Get("host.permission-499")));
        Assert.Equal(511, catalog.Get("host.permission-499").Id);
        Assert.False(set.Contains(Permissions.PlaceOrder));
        Assert.Throws<InvalidOperationException>(() => catalog.Define("host.one-too-many"));
    }

    [Fact]
    public void Define_SameNameTwice_ReturnsSamePermission()
    {
        var catalog = new PermissionCatalog();
        var a = catalog.Define("reports.export");
        Assert.Equal(a, catalog.Define("reports.export"));
        Assert.Equal(Permissions.PlaceOrder, catalog.Define("orders.place"));
    }

    [Fact]
    public void Define_ConcurrentlyFromManyThreads_GivesDenseUniqueIds()
    {
        var catalog = new PermissionCatalog();
        var results = new System.Collections.Concurrent.ConcurrentBag<Permission>();
        Parallel.For(0, 400, i => results.Add(catalog.Define($"p.{i % 200}")));
        Assert.Equal(212, catalog.Count);
        Assert.Equal(200, results.Distinct().Count());
        Assert.Equal(Enumerable.Range(12, 200), results.Select(p => p.Id).Distinct().Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("Orders.Place")]
    [InlineData("orders..place")]
    [InlineData(".orders")]
    [InlineData("orders.")]
    [InlineData("orders place")]
    public void Define_MalformedName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => new PermissionCatalog().Define(name));
    }

    [Fact]
    public void Define_NullOrHugeName_Throws()
    {
        var catalog = new PermissionCatalog();
        Assert.Throws<ArgumentNullException>(() => catalog.Define(null!));
        Assert.Throws<ArgumentException>(() => catalog.Define(new string('a', PermissionCatalog.MaxNameLength + 1)));
        Assert.Throws<KeyNotFoundException>(() => catalog.Get("not.defined"));
    }

    [Fact]
    public void SetAlgebra_UnionIntersectExcept_AreExact()
    {
        var a = PermissionSet.Of(Permissions.PlaceOrder, Permissions.CancelOrder);
        var b = PermissionSet.Of(Permissions.CancelOrder, Permissions.ManageUsers);
        Assert.Equal(PermissionSet.Of(Permissions.PlaceOrder, Permissions.CancelOrder, Permissions.ManageUsers), a.Union(b));
        Assert.Equal(PermissionSet.Of(Permissions.CancelOrder), a.Intersect(b));
        Assert.Equal(PermissionSet.Of(Permissions.PlaceOrder), a.Except(b));
        Assert.True(a.Union(b).ContainsAll(a));
        Assert.False(a.ContainsAll(b));
        Assert.Equal(a, a.Add(Permissions.PlaceOrder));
        Assert.Equal(PermissionSet.Of(Permissions.CancelOrder), a.Remove(Permissions.PlaceOrder));
        Assert.True(PermissionSet.Empty.IsEmpty);
        Assert.Equal([0, 1], a.GetIds());
        Assert.Throws<ArgumentException>(() => a.Add(default));
        Assert.Throws<ArgumentException>(() => PermissionSet.Of(default(Permission)));
    }

    [Fact]
    public void Expand_ReturnsPermissionsInIdOrder()
    {
        var catalog = new PermissionCatalog();
        var set = PermissionSet.Of(Permissions.AccessMonitoring, Permissions.PlaceOrder);
        Assert.Equal(["orders.place", "monitoring.access"], catalog.Expand(set).Select(p => p.Name));
    }
}
