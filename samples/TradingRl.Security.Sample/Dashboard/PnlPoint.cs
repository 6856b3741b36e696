namespace TradingRl.Security.Sample.Dashboard;

/// <summary>One P&amp;L sample: the agents' total, and each tracked account's daily loss as a share of its daily-loss limit.</summary>
/// <param name="AgentPnl">The agent accounts' P&amp;L today, realised plus unrealised, in the instrument's currency.</param>
/// <param name="WorstAgentLimitUsedPercent">The largest daily loss among the agent accounts, in percent of its limit (0 while in profit).</param>
/// <param name="LossAccountLimitUsedPercent">The scripted loss account's daily loss in percent of its limit.</param>
public readonly record struct PnlPoint(decimal AgentPnl, decimal WorstAgentLimitUsedPercent, decimal LossAccountLimitUsedPercent);
