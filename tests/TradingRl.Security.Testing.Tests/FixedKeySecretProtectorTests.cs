using System.Security.Cryptography;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Tests;

public sealed class FixedKeySecretProtectorTests
{
    [Fact]
    public void Unprotect_SamePurpose_ReturnsSecret()
    {
        var p = new FixedKeySecretProtector();
        var sealedSecret = p.Protect("JBSWY3DPEHPK3PXP"u8, "auth.totp/alice");
        Assert.Equal("JBSWY3DPEHPK3PXP"u8.ToArray(), p.Unprotect(sealedSecret, "auth.totp/alice"));
        Assert.Equal(1, p.ProtectCalls);
    }

    [Fact]
    public void Unprotect_WrongPurposeTamperedOrTruncated_Throws()
    {
        var p = new FixedKeySecretProtector();
        var sealedSecret = p.Protect([1, 2, 3], "a");
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect(sealedSecret, "b"));
        sealedSecret[13] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect(sealedSecret, "a"));
        Assert.ThrowsAny<CryptographicException>(() => p.Unprotect(new byte[10], "a"));
        Assert.Throws<ArgumentNullException>(() => p.Protect([1], null!));
    }
}
