using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.AspNetCore.Http;

/// <summary>What the security layer learned about one request, shared between its middleware and handlers.</summary>
internal sealed class TradingRequestFeature
{
    public SecurityPrincipal? Principal { get; set; }

    public OrderRequest? Order { get; set; }

    /// <summary>Why authentication failed (a stable code for <c>WWW-Authenticate</c> and the audit), when it did.</summary>
    public string? AuthenticationFailure { get; set; }

    /// <summary>Why authorization denied (the decision's reason code), when it did.</summary>
    public string? DenyReason { get; set; }
}
