using TradingRl.Security.Auth.Tokens;

namespace TradingRl.Security.Auth.Tests.Tokens;

/// <summary>Signed tokens whose dates sit at the edge of the NumericDate range: a rejection reason, never an exception.</summary>
public sealed class AccessTokenValidatorExtremeDateTests
{
    [Fact]
    public async Task ValidateAsync_ExpAtTheLastRepresentableSecond_IsRejectedNotThrown()
    {
        using var f = new TokenFixture();
        var token = f.Craft(f.Header(), f.Claims(exp: 253_402_300_799));

        var result = await f.Validator.ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.Equal(TokenRejectionReason.LifetimeTooLong, result.Reason);
    }
}
