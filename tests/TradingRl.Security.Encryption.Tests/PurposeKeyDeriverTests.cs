namespace TradingRl.Security.Encryption.Tests;

public class PurposeKeyDeriverTests
{
    [Fact]
    public void DeriveKey_SamePurposeAndKey_SameSubkeyOtherPurposeDiffers()
    {
        using var ring = TestKeys.Ring();
        var deriver = new PurposeKeyDeriver(ring);
        var a = new byte[32];
        var b = new byte[32];
        var c = new byte[32];

        var keyId = deriver.DeriveKey("audit.hmac", a);
        ring.Rotate();
        deriver.DeriveKey(keyId, "audit.hmac", b);
        deriver.DeriveKey(keyId, "audit.chain", c);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(keyId, ring.CurrentKeyId);
    }

    [Fact]
    public void DeriveKey_RevokedKey_Refused()
    {
        using var ring = TestKeys.Ring();
        var deriver = new PurposeKeyDeriver(ring);
        var keyId = deriver.DeriveKey("x", new byte[16]);
        ring.Revoke(keyId);

        var ex = Assert.Throws<DecryptionFailedException>(() => deriver.DeriveKey(keyId, "x", new byte[16]));

        Assert.Equal(DecryptionFailureReason.RevokedKey, ex.Reason);
    }

    [Fact]
    public void DeriveKey_BadArguments_Refused()
    {
        using var ring = TestKeys.Ring();
        var deriver = new PurposeKeyDeriver(ring);

        Assert.ThrowsAny<ArgumentException>(() => deriver.DeriveKey("", new byte[16]));
        Assert.ThrowsAny<ArgumentException>(() => deriver.DeriveKey("x", new byte[Hkdf.MaxOutputLength + 1]));
        Assert.Throws<DecryptionFailedException>(() => deriver.DeriveKey(Guid.NewGuid(), "x", new byte[16]));
    }
}
