namespace TradingRl.Security.Sample.Replay;

/// <summary>A clock that the replay moves to each input row's time, so every control sees market time, not wall time.</summary>
/// <remarks>Time never goes backwards: setting an earlier time is ignored.</remarks>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>Moves the clock to <paramref name="time"/> when it is later than now.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        var target = time.UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _ticks);
            if (target <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _ticks, target, current) != current);
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}
