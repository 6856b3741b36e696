namespace TradingRl.Security.Auth.RefreshTokens;

/// <summary>The outcome of a refresh: the new token, or the reason there is none.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Token">The new refresh token when <see cref="RefreshStatus.Succeeded"/>; a secret, never to be logged.</param>
/// <param name="Record">The new record when succeeded, else the presented token's record when it was found.</param>
public sealed record RefreshResult(RefreshStatus Status, string? Token, RefreshTokenRecord? Record)
{
    /// <summary>Gets a value indicating whether the refresh succeeded.</summary>
    public bool Succeeded => Status == RefreshStatus.Succeeded;

    /// <inheritdoc/>
    public override string ToString() => $"RefreshResult({Status})";
}
