namespace TradingRl.Security.Encryption;

/// <summary>The life-cycle state of a data key in the ring.</summary>
public enum DataKeyStatus
{
    /// <summary>The current key: new data is encrypted under it.</summary>
    Active = 0,

    /// <summary>A former current key: it still decrypts, never encrypts.</summary>
    Retired = 1,

    /// <summary>Revoked: data under it is refused.</summary>
    Revoked = 2,
}
