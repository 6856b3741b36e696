namespace TradingRl.Security.Authorization.Tests;

public sealed class AuthorizationDecisionTests
{
    [Fact]
    public void Default_DeniesNotEvaluated()
    {
        var d = default(AuthorizationDecision);
        Assert.False(d.IsAllowed);
        Assert.Equal("not_evaluated", d.ReasonCode);
        Assert.Empty(d.RuleIds);
        Assert.Equal("deny  not_evaluated", d.ToString());
    }

    [Fact]
    public void Equality_ComparesRuleIdsByValue()
    {
        var a = new AuthorizationDecision(false, AuthorizationReason.ForbiddenByRule, Permissions.PlaceOrder, ["r1", "r2"]);
        var b = new AuthorizationDecision(false, AuthorizationReason.ForbiddenByRule, Permissions.PlaceOrder, ["r1", "r2"]);
        var c = new AuthorizationDecision(false, AuthorizationReason.ForbiddenByRule, Permissions.PlaceOrder, ["r1"]);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.False(a.Equals((object)"r1"));
        Assert.Equal("deny orders.place forbidden_by_rule [r1, r2]", a.ToString());
    }

    [Theory]
    [InlineData(AuthorizationReason.GrantedByRole, "granted_by_role")]
    [InlineData(AuthorizationReason.PermittedByRule, "permitted_by_rule")]
    [InlineData(AuthorizationReason.UnknownPermission, "unknown_permission")]
    [InlineData(AuthorizationReason.PermissionNotGranted, "permission_not_granted")]
    [InlineData(AuthorizationReason.StepUpRequired, "step_up_required")]
    [InlineData(AuthorizationReason.CrossDesk, "cross_desk")]
    [InlineData(AuthorizationReason.AccountNotPermitted, "account_not_permitted")]
    [InlineData(AuthorizationReason.ForbiddenByRule, "forbidden_by_rule")]
    [InlineData(AuthorizationReason.ForbidRuleNotEvaluable, "forbid_rule_not_evaluable")]
    [InlineData(AuthorizationReason.NoPermitMatched, "no_permit_matched")]
    public void ReasonCode_IsStableSnakeCase(AuthorizationReason reason, string code) =>
        Assert.Equal(code, new AuthorizationDecision(false, reason, Permissions.PlaceOrder, null).ReasonCode);
}
