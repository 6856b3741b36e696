using System.Diagnostics;

namespace TradingRl.Security.Stores.Redis.Tests;

/// <summary>Polls a condition that another host, or Redis, makes true asynchronously (a pub/sub message, a reconnect).</summary>
internal static class Eventually
{
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout) => TrueAsync(() => Task.FromResult(condition()), timeout);

    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
