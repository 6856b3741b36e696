namespace TradingRl.Security;

/// <summary>The built-in permissions: every entry of the seed's permission matrix (section 2.2), with fixed ids 0 to 11.</summary>
public static class Permissions
{
    /// <summary>Place orders (seed: trader, admin).</summary>
    public static readonly Permission PlaceOrder = new(0, "orders.place");

    /// <summary>Cancel orders (seed: trader, admin).</summary>
    public static readonly Permission CancelOrder = new(1, "orders.cancel");

    /// <summary>View orders (seed: trader, analyst, viewer, admin).</summary>
    public static readonly Permission ViewOrders = new(2, "orders.view");

    /// <summary>Modify positions (seed: trader, admin).</summary>
    public static readonly Permission ModifyPositions = new(3, "positions.modify");

    /// <summary>View risk metrics (seed: all roles).</summary>
    public static readonly Permission ViewRiskMetrics = new(4, "risk.metrics.view");

    /// <summary>Modify risk limits (seed: trader, admin).</summary>
    public static readonly Permission ModifyRiskLimits = new(5, "risk.limits.modify");

    /// <summary>Run risk calculations (seed: analyst, trader, admin).</summary>
    public static readonly Permission RunRiskCalculations = new(6, "risk.calculations.run");

    /// <summary>Receive risk alerts (seed: all roles).</summary>
    public static readonly Permission RiskAlerts = new(7, "risk.alerts.view");

    /// <summary>Manage users and their roles (seed: admin).</summary>
    public static readonly Permission ManageUsers = new(8, "users.manage");

    /// <summary>Change system configuration (seed: admin).</summary>
    public static readonly Permission ConfigureSystem = new(9, "system.configure");

    /// <summary>Change security settings (seed: admin).</summary>
    public static readonly Permission ManageSecuritySettings = new(10, "security.settings.manage");

    /// <summary>Access monitoring (seed: admin).</summary>
    public static readonly Permission AccessMonitoring = new(11, "monitoring.access");

    /// <summary>The number of built-in permissions; host-defined ones take the ids after them.</summary>
    public const int BuiltInCount = 12;

    /// <summary>Gets every built-in permission, in id order.</summary>
    public static IReadOnlyList<Permission> All { get; } =
    [
        PlaceOrder, CancelOrder, ViewOrders, ModifyPositions,
        ViewRiskMetrics, ModifyRiskLimits, RunRiskCalculations, RiskAlerts,
        ManageUsers, ConfigureSystem, ManageSecuritySettings, AccessMonitoring,
    ];
}
