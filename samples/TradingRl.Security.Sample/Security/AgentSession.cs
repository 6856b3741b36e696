namespace TradingRl.Security.Sample.Security;

/// <summary>An agent that signed in: its principal (roles resolved to permissions) for the authorizer.</summary>
public sealed record AgentSession(string Account, SecurityPrincipal Principal);
