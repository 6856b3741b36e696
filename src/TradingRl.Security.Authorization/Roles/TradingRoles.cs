namespace TradingRl.Security.Authorization;

/// <summary>The seed's four roles (section 2.2) and their permission matrix.</summary>
/// <remarks>
/// The matrix is nested, so the default policy expresses it with inheritance: viewer &lt; analyst &lt; trader &lt; admin.
/// viewer: orders.view, risk.metrics.view, risk.alerts.view; analyst adds risk.calculations.run; trader adds
/// orders.place, orders.cancel, positions.modify and risk.limits.modify; admin adds users.manage, system.configure,
/// security.settings.manage and monitoring.access.
/// </remarks>
public static class TradingRoles
{
    /// <summary>The administrator: full system access, users, configuration and security.</summary>
    public const string Admin = "admin";

    /// <summary>The trader: trading operations, positions, risk limits.</summary>
    public const string Trader = "trader";

    /// <summary>The analyst: data analysis and risk calculations.</summary>
    public const string Analyst = "analyst";

    /// <summary>The viewer: read-only access.</summary>
    public const string Viewer = "viewer";

    /// <summary>Returns new definitions of the four roles, with the seed's matrix.</summary>
    /// <returns>The definitions, viewer first.</returns>
    public static IReadOnlyList<RoleDefinition> CreateDefinitions() =>
    [
        new()
        {
            Name = Viewer,
            Description = "Read-only access, dashboards, reports, basic monitoring.",
            Permissions = [Security.Permissions.ViewOrders.Name, Security.Permissions.ViewRiskMetrics.Name, Security.Permissions.RiskAlerts.Name],
        },
        new()
        {
            Name = Analyst,
            Description = "Data analysis, report generation, model evaluation, performance monitoring.",
            Permissions = [Security.Permissions.RunRiskCalculations.Name],
            Inherits = [Viewer],
        },
        new()
        {
            Name = Trader,
            Description = "Trading operations, portfolio management, risk monitoring, order execution.",
            Permissions =
            [
                Security.Permissions.PlaceOrder.Name, Security.Permissions.CancelOrder.Name,
                Security.Permissions.ModifyPositions.Name, Security.Permissions.ModifyRiskLimits.Name,
            ],
            Inherits = [Analyst],
        },
        new()
        {
            Name = Admin,
            Description = "Full system access, user management, system configuration, security administration.",
            Permissions =
            [
                Security.Permissions.ManageUsers.Name, Security.Permissions.ConfigureSystem.Name,
                Security.Permissions.ManageSecuritySettings.Name, Security.Permissions.AccessMonitoring.Name,
            ],
            Inherits = [Trader],
        },
    ];
}
