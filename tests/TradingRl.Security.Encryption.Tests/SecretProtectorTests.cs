namespace TradingRl.Security.Encryption.Tests;

public class SecretProtectorTests
{
    [Fact]
    public void Protect_ThroughHost_RoundTripsAndIsBoundToPurpose()
    {
        using var dir = new TempDirectory();
        using var host = new EncryptionHost(dir.Path, TestKeys.Clock(), o => o.CreateIfMissing = true);
        var protector = host.Get<ISecretProtector>();
        var secret = "JBSWY3DPEHPK3PXP"u8.ToArray();

        var stored = protector.Protect(secret, "auth.totp/alice");

        Assert.Equal(secret, protector.Unprotect(stored, "auth.totp/alice"));
        Assert.False(stored.AsSpan().IndexOf(secret) >= 0);
        var ex = Assert.Throws<DecryptionFailedException>(() => protector.Unprotect(stored, "auth.totp/bob"));
        Assert.Equal(DecryptionFailureReason.AuthenticationFailed, ex.Reason);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Protect_BlankPurpose_ThrowsArgumentException(string purpose)
    {
        using var ring = TestKeys.Ring();
        var protector = new SecretProtector(TestKeys.Encryptor(ring));

        Assert.ThrowsAny<ArgumentException>(() => protector.Protect([1], purpose));
        Assert.ThrowsAny<ArgumentException>(() => protector.Unprotect([1], purpose));
    }

    [Fact]
    public void Protect_HugePurpose_ThrowsArgumentException()
    {
        using var ring = TestKeys.Ring();
        var protector = new SecretProtector(TestKeys.Encryptor(ring));

        Assert.ThrowsAny<ArgumentException>(() => protector.Protect([1], new string('p', 1025)));
    }

    [Fact]
    public void Unprotect_Tampered_ThrowsCryptographicExceptionAsCoreDocuments()
    {
        using var ring = TestKeys.Ring();
        var protector = new SecretProtector(TestKeys.Encryptor(ring));
        var stored = protector.Protect([1, 2, 3], "auth.refresh/1");
        stored[^1] ^= 1;

        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Unprotect(stored, "auth.refresh/1"));
    }
}
