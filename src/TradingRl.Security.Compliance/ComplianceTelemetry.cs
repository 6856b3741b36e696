namespace TradingRl.Security.Compliance;

/// <summary>The names of the Compliance package's instruments on the suite's <c>TradingRl.Security</c> meter.</summary>
public static class ComplianceTelemetry
{
    /// <summary>Counter: pre-trade checks of new orders and amendments. Tag <c>reason</c> (<c>none</c> when allowed).</summary>
    public const string RiskChecks = "tradingrl.security.compliance.risk_checks";

    /// <summary>Counter: trade reports written. Tag <c>late</c> (<c>true</c> or <c>false</c>).</summary>
    public const string TradeReports = "tradingrl.security.compliance.trade_reports";
}
