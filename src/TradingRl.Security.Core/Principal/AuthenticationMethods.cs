namespace TradingRl.Security;

/// <summary>Authentication method references (RFC 8176 <c>amr</c> values) the suite uses.</summary>
public static class AuthenticationMethods
{
    /// <summary>A password.</summary>
    public const string Password = "pwd";

    /// <summary>A one-time password, e.g. TOTP.</summary>
    public const string OneTimePassword = "otp";

    /// <summary>Multiple factors.</summary>
    public const string MultiFactor = "mfa";

    /// <summary>A hardware-secured key.</summary>
    public const string HardwareKey = "hwk";

    /// <summary>A smart card.</summary>
    public const string SmartCard = "sc";

    /// <summary>A recovery code used in place of the second factor.</summary>
    public const string RecoveryCode = "rcv";
}
