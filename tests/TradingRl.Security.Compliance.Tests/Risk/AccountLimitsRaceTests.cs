using System.Diagnostics;

namespace TradingRl.Security.Compliance.Tests.Risk;

/// <summary>An account's remembered combined limits must never outlive a change of their sources: once the setters have
/// returned, the next order of the account sees every limit set, even when it was being checked while they ran.</summary>
public sealed class AccountLimitsRaceTests
{
    [Fact]
    public void GetLimits_RacingTwoSetters_NextCallSeesBoth()
    {
        var global = new RiskLimits { MaxOrderQuantity = 1_000m, MaxOrderNotional = 1_000_000m };
        Tuple<AccountState, RiskLimits>? current = null;
        var stop = false;
        var reader = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                if (Volatile.Read(ref current) is var (account, limits))
                {
                    lock (account.Sync)
                    {
                        account.GetLimits(global, null, limits, null);
                    }
                }
            }
        }) { IsBackground = true };
        reader.Start();
        var clock = Stopwatch.StartNew();
        var trials = 0;
        string? stale = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(3) && stale is null)
        {
            trials++;
            var limits = new RiskLimits();
            var account = new AccountState(new TradingAccount("acct-1", 1_000_000m) { Limits = limits });
            Volatile.Write(ref current, Tuple.Create(account, limits));
            Thread.SpinWait(200);

            // An operator tightening two limits, one after the other, while the account's orders are checked.
            limits.MaxOrderQuantity = 10m;
            Thread.SpinWait(trials % 64);
            limits.MaxOrderNotional = 10_000m;
            Thread.SpinWait(200);

            EffectiveLimits after;
            lock (account.Sync)
            {
                after = account.GetLimits(global, null, limits, null);
            }

            if (after.MaxOrderQuantity != 10m || after.MaxOrderNotional != 10_000m)
            {
                stale = $"trial {trials}: quantity {after.MaxOrderQuantity}, notional {after.MaxOrderNotional}";
            }
        }

        Volatile.Write(ref stop, true);
        reader.Join();
        Assert.True(stale is null, $"limits set before the check were not applied: {stale}");
    }
}
