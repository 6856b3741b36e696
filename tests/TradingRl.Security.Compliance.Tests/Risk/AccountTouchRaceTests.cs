using System.Diagnostics;

namespace TradingRl.Security.Compliance.Tests.Risk;

/// <summary><see cref="AccountState.Touch"/> runs outside the account's lock (the gate calls it before taking it), so it must
/// never throw on words another thread is changing under the lock: not when the first position is added, nor when a rate
/// window's ring grows.</summary>
public sealed class AccountTouchRaceTests
{
    [Fact]
    public void Touch_RacingTheFirstPosition_NeverThrows()
    {
        var instrument = new InstrumentState(new Instrument("AAPL", "USD", 0.01m, 1m));
        var failure = TouchWhile(account =>
        {
            Thread.SpinWait(50);
            lock (account.Sync)
            {
                account.GetOrAddPosition(instrument);
            }
        });
        Assert.Null(failure);
    }

    [Fact]
    public void Touch_RacingRateWindowGrowthAndExpiry_NeverThrows()
    {
        // A ring of 16 filled, its head moved round, then grown (head back to 0) while the reader may hold the old array.
        var failure = TouchWhile(account =>
        {
            for (long t = 1; t <= 400; t++)
            {
                lock (account.Sync)
                {
                    account.OrderWindow.CountInWindow(t, 12);
                    account.OrderWindow.Add(t, t < 300 ? 16 : 64);
                }
            }
        });
        Assert.Null(failure);
    }

    // Fresh accounts changed by change under their lock for three seconds while another thread touches the current one;
    // the first exception the toucher met, if any.
    private static Exception? TouchWhile(Action<AccountState> change)
    {
        AccountState? current = null;
        Exception? failure = null;
        var stop = false;
        var reader = new Thread(() =>
        {
            try
            {
                while (!Volatile.Read(ref stop))
                {
                    Volatile.Read(ref current)?.Touch();
                }
            }
            catch (Exception ex)
            {
                Volatile.Write(ref failure, ex);
            }
        }) { IsBackground = true };
        reader.Start();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(3) && Volatile.Read(ref failure) is null)
        {
            var account = new AccountState(new TradingAccount("acct-1", 1_000_000m));
            Volatile.Write(ref current, account);
            change(account);
        }

        Volatile.Write(ref stop, true);
        reader.Join();
        return failure;
    }
}
