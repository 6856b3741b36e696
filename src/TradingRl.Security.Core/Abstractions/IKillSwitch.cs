namespace TradingRl.Security;

/// <summary>The kinds of scope a kill switch applies to.</summary>
public enum KillSwitchScopeKind
{
    /// <summary>Everything on the host.</summary>
    Global = 0,

    /// <summary>One trading account.</summary>
    Account = 1,

    /// <summary>One strategy (agent).</summary>
    Strategy = 2,
}

/// <summary>What a kill switch applies to.</summary>
/// <param name="Kind">The kind of scope.</param>
/// <param name="Id">The account or strategy id; <see langword="null"/> for <see cref="KillSwitchScopeKind.Global"/>.</param>
public readonly record struct KillSwitchScope(KillSwitchScopeKind Kind, string? Id)
{
    /// <summary>Gets the global scope.</summary>
    public static KillSwitchScope Global => new(KillSwitchScopeKind.Global, null);

    /// <summary>Makes an account scope.</summary>
    /// <param name="account">The account id.</param>
    /// <returns>The scope.</returns>
    public static KillSwitchScope ForAccount(string account)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        return new(KillSwitchScopeKind.Account, account);
    }

    /// <summary>Makes a strategy scope.</summary>
    /// <param name="strategy">The strategy id.</param>
    /// <returns>The scope.</returns>
    public static KillSwitchScope ForStrategy(string strategy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        return new(KillSwitchScopeKind.Strategy, strategy);
    }

    /// <inheritdoc/>
    public override string ToString() => Id is null ? Kind.ToString() : $"{Kind}:{Id}";
}

/// <summary>Engages the trading kill switch; provided by the Compliance package, used by Incidents for containment.</summary>
public interface IKillSwitch
{
    /// <summary>Blocks new orders in a scope and cancels its open orders.</summary>
    /// <param name="scope">The scope.</param>
    /// <param name="actor">Who engages it (a user or an incident rule).</param>
    /// <param name="reason">Why.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The number of open orders whose cancellation was requested.</returns>
    ValueTask<int> EngageAsync(KillSwitchScope scope, string actor, string reason, CancellationToken cancellationToken = default);

    /// <summary>Tells whether the kill switch is engaged for a scope, or for the global scope.</summary>
    /// <param name="scope">The scope.</param>
    /// <returns><see langword="true"/> when engaged.</returns>
    bool IsEngaged(KillSwitchScope scope);
}
