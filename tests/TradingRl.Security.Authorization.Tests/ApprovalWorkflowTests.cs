using TradingRl.Security.Events;

namespace TradingRl.Security.Authorization.Tests;

public sealed class ApprovalWorkflowTests
{
    private static readonly AuthorizationRequest LimitChange = new(Permissions.ModifyRiskLimits) { Desk = "equities", Account = "acct-1" };

    [Fact]
    public async Task Approve_ByMakerEvenIfAdmin_RefusedAsSelfApproval()
    {
        await using var host = new AuthorizationHost();
        var admin = host.Principal("alice", ["admin"], mfa: true);
        var submitted = await host.Approvals.SubmitAsync(admin, LimitChange, "risk-limit/acct-1/max-notional");
        Assert.Equal(ApprovalOutcome.Submitted, submitted.Outcome);
        var self = await host.Approvals.ApproveAsync(admin, submitted.Request!.Id);
        Assert.Equal(ApprovalOutcome.SelfApproval, self.Outcome);
        Assert.False(self.Succeeded);
        Assert.Equal(ApprovalStatus.Pending, (await host.Approvals.GetAsync(submitted.Request.Id))!.Status);
        var e = Assert.Single(await host.EventsOfTypeAsync(SecurityEventTypes.PrivilegeEscalation.Type));
        Assert.Equal("self_approval", e.GetProperty("reason"));
        Assert.Equal(ApprovalOutcome.SelfApproval, (await host.Approvals.RejectAsync(admin, submitted.Request.Id)).Outcome);
    }

    [Fact]
    public async Task Approve_ByAnotherHolder_ApprovedOnce()
    {
        await using var host = new AuthorizationHost();
        var maker = host.Principal("t1", ["trader"], mfa: true);
        var checker = host.Principal("t2", ["trader"], mfa: true);
        var submitted = await host.Approvals.SubmitAsync(maker, LimitChange, "risk-limit/acct-1/max-notional");
        Assert.Equal(32, submitted.Request!.Id.Length);
        var approved = await host.Approvals.ApproveAsync(checker, submitted.Request.Id);
        Assert.Equal(ApprovalOutcome.Approved, approved.Outcome);
        Assert.Equal("t2", approved.Request!.Checker);
        Assert.Equal(ApprovalStatus.Approved, (await host.Approvals.GetAsync(submitted.Request.Id))!.Status);
        Assert.Equal(ApprovalOutcome.NotPending, (await host.Approvals.RejectAsync(checker, submitted.Request.Id)).Outcome);
        Assert.Single(await host.EventsOfTypeAsync("authz.approval.requested"));
        var decided = Assert.Single(await host.EventsOfTypeAsync("authz.approval.decided"));
        Assert.Equal("t2", decided.Actor);
        Assert.Equal("approved", decided.GetProperty("status"));
        Assert.Equal("t1", decided.GetProperty("maker"));
    }

    [Fact]
    public async Task Approve_CheckerWithoutPermissionOrStepUpOrOnOtherDesk_NotPermitted()
    {
        await using var host = new AuthorizationHost();
        var maker = host.Principal("t1", ["trader"], mfa: true);
        var id = (await host.Approvals.SubmitAsync(maker, LimitChange, "risk-limit/acct-1")).Request!.Id;
        Assert.Equal(ApprovalOutcome.NotPermitted, (await host.Approvals.ApproveAsync(host.Principal("a1", ["analyst"], mfa: true), id)).Outcome);
        var stale = await host.Approvals.ApproveAsync(host.Principal("t2", ["trader"]), id);
        Assert.Equal(AuthorizationReason.StepUpRequired, stale.Decision.Reason);
        var fx = await host.Approvals.ApproveAsync(host.Principal("t3", ["trader"], desk: "fx", mfa: true), id);
        Assert.Equal(AuthorizationReason.CrossDesk, fx.Decision.Reason);
        Assert.Equal(ApprovalStatus.Pending, (await host.Approvals.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Approve_AfterLifetime_Expired()
    {
        await using var host = new AuthorizationHost();
        var id = (await host.Approvals.SubmitAsync(host.Principal("t1", ["trader"], mfa: true), LimitChange, "risk-limit/acct-1")).Request!.Id;
        host.Time.Advance(TimeSpan.FromHours(24));
        var checker = host.Principal("t2", ["trader"], mfa: true);
        Assert.Equal(ApprovalOutcome.Expired, (await host.Approvals.ApproveAsync(checker, id)).Outcome);
        Assert.Equal(ApprovalStatus.Expired, (await host.Approvals.GetAsync(id))!.Status);
    }

    [Fact]
    public async Task Submit_NotDualControlledOrNotPermitted_Refused()
    {
        await using var host = new AuthorizationHost();
        var trader = host.Principal("t1", ["trader"], mfa: true);
        var order = AuthorizationHost.Order();
        Assert.Equal(ApprovalOutcome.NotDualControlled, (await host.Approvals.SubmitAsync(trader, order, "order/1")).Outcome);
        var analyst = await host.Approvals.SubmitAsync(host.Principal("a1", ["analyst"], mfa: true), LimitChange, "risk-limit/acct-1");
        Assert.Equal(ApprovalOutcome.NotPermitted, analyst.Outcome);
        Assert.Equal(AuthorizationReason.PermissionNotGranted, analyst.Decision.Reason);
        Assert.Equal(ApprovalOutcome.NotFound, (await host.Approvals.ApproveAsync(trader, "no-such-id")).Outcome);
        await Assert.ThrowsAsync<ArgumentException>(async () => await host.Approvals.SubmitAsync(trader, LimitChange, ""));
        await Assert.ThrowsAsync<ArgumentException>(async () => await host.Approvals.SubmitAsync(trader, LimitChange, new string('r', 257)));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await host.Approvals.ApproveAsync(trader, null!));
    }

    [Fact]
    public async Task Approve_ConcurrentCheckers_DecidedExactlyOnce()
    {
        await using var host = new AuthorizationHost();
        var id = (await host.Approvals.SubmitAsync(host.Principal("t0", ["trader"], mfa: true), LimitChange, "risk-limit/acct-1")).Request!.Id;
        var results = await Task.WhenAll(Enumerable.Range(1, 16).Select(i => Task.Run(async () =>
            i % 2 == 0
                ? await host.Approvals.ApproveAsync(host.Principal($"t{i}", ["trader"], mfa: true), id)
                : await host.Approvals.RejectAsync(host.Principal($"t{i}", ["trader"], mfa: true), id))));
        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(ApprovalOutcome.NotPending, r.Outcome));
    }
}
