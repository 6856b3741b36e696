using TradingRl.Security.Events;

namespace TradingRl.Security.Tests;

public sealed class SecurityEventCatalogTests
{
    // The seed's section 6.1 monitoring items and the 6.2 alert rows that name a kind of event, with the type that records each.
    [Theory]
    [InlineData("auth.login.failed", SecurityEventCategory.Authentication)] // failed login attempts
    [InlineData("auth.login.succeeded", SecurityEventCategory.Authentication)] // successful logins
    [InlineData("auth.password.changed", SecurityEventCategory.Authentication)] // password changes
    [InlineData("auth.account.locked", SecurityEventCategory.Authentication)] // account lockouts
    [InlineData("authz.permission.changed", SecurityEventCategory.Authorization)] // permission changes
    [InlineData("authz.role.assigned", SecurityEventCategory.Authorization)] // role assignments
    [InlineData("authz.access.denied", SecurityEventCategory.Authorization)] // access violations
    [InlineData("authz.privilege.escalation", SecurityEventCategory.Authorization)] // privilege escalation
    [InlineData("api.rate_limit.exceeded", SecurityEventCategory.Api)] // rate limit violations
    [InlineData("api.validation.failed", SecurityEventCategory.Api)] // input validation failures
    [InlineData("api.headers.violation", SecurityEventCategory.Api)] // security header violations
    [InlineData("api.abuse.detected", SecurityEventCategory.Api)] // API abuse detection
    [InlineData("data.access", SecurityEventCategory.Data)] // data access patterns
    [InlineData("data.encryption.failed", SecurityEventCategory.Data)] // encryption status / failures
    [InlineData("data.classification.violation", SecurityEventCategory.Data)] // classification violations
    [InlineData("data.leakage.detected", SecurityEventCategory.Data)] // data leakage detection
    [InlineData("system.access.attempt", SecurityEventCategory.System)] // system access attempts
    [InlineData("system.config.changed", SecurityEventCategory.System)] // configuration changes
    [InlineData("system.security_config.changed", SecurityEventCategory.System)] // security configuration changes
    [InlineData("system.patch.status", SecurityEventCategory.System)] // security patch status
    [InlineData("system.vulnerability.scan", SecurityEventCategory.System)] // vulnerability scanning
    [InlineData("compliance.violation", SecurityEventCategory.Compliance)] // compliance violations
    [InlineData("compliance.report.generated", SecurityEventCategory.Compliance)] // compliance report generation
    public void Catalog_SeedMonitoredEvent_IsPresentInItsCategory(string type, SecurityEventCategory category)
    {
        var catalog = new SecurityEventCatalog();
        Assert.True(catalog.TryGet(type, out var d));
        Assert.Equal(category, d.Category);
    }

    [Theory]
    [InlineData("data.encryption.failed", SecuritySeverity.Critical)]
    [InlineData("system.security_config.changed", SecuritySeverity.Critical)]
    [InlineData("api.rate_limit.exceeded", SecuritySeverity.High)]
    [InlineData("api.validation.failed", SecuritySeverity.High)]
    [InlineData("auth.password.changed", SecuritySeverity.Medium)]
    [InlineData("authz.role.assigned", SecuritySeverity.Medium)]
    [InlineData("compliance.violation", SecuritySeverity.Medium)]
    [InlineData("compliance.report.generated", SecuritySeverity.Low)]
    public void Catalog_SeedAlertTable_GivesDefaultSeverity(string type, SecuritySeverity severity)
    {
        Assert.True(new SecurityEventCatalog().TryGet(type, out var d));
        Assert.Equal(severity, d.DefaultSeverity);
    }

    [Fact]
    public void All_BuiltInTypes_AreValidAndUnique()
    {
        Assert.All(SecurityEventTypes.All, d => Assert.True(SecurityEventTypeName.IsValid(d.Type)));
        Assert.Equal(SecurityEventTypes.All.Count, SecurityEventTypes.All.Select(d => d.Type).Distinct().Count());
        Assert.Equal(SecurityEventTypes.All.Count, new SecurityEventCatalog().All.Count);
    }

    [Fact]
    public void Register_SameNameDifferentSeverity_Throws()
    {
        var catalog = new SecurityEventCatalog();
        Assert.Throws<InvalidOperationException>(() =>
            catalog.Register(new SecurityEventDescriptor("auth.login.failed", SecurityEventCategory.Authentication, SecuritySeverity.Critical, "x")));
        var custom = new SecurityEventDescriptor("desk.report.exported", SecurityEventCategory.Data, SecuritySeverity.Low, "A desk report was exported.");
        Assert.Same(custom, catalog.Register(custom));
        Assert.Same(custom, catalog.Register(custom));
        Assert.Throws<ArgumentNullException>(() => catalog.Register(null!));
    }

    [Fact]
    public void Descriptor_CreateEvent_UsesDefaultSeverity()
    {
        var e = SecurityEventTypes.RefreshTokenReused.CreateEvent(DateTimeOffset.UnixEpoch);
        Assert.Equal("auth.refresh.reused", e.Type);
        Assert.Equal(SecuritySeverity.Critical, e.Severity);
        Assert.Throws<ArgumentException>(() => new SecurityEventDescriptor("bad", SecurityEventCategory.Api, SecuritySeverity.Low, "d"));
        Assert.Throws<ArgumentException>(() => new SecurityEventDescriptor("a.b", SecurityEventCategory.Api, SecuritySeverity.Low, " "));
    }
}
