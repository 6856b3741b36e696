using TradingRl.Security.Auth.Passwords;

namespace TradingRl.Security.Auth.Tests.Passwords;

public sealed class PasswordPolicyTests
{
    private readonly PasswordPolicy _policy = new(new PasswordPolicyOptions());

    [Theory]
    [InlineData("password123456789", PasswordPolicyViolation.TooWeak)]
    [InlineData("p@ssw0rd", PasswordPolicyViolation.TooShort)]
    [InlineData("qwertyuiopasdfgh", PasswordPolicyViolation.TooWeak)]
    [InlineData("aaaaaaaaaaaaaaaaaaaa", PasswordPolicyViolation.TooWeak)]
    [InlineData("alice-trading-desk-2026", PasswordPolicyViolation.ContextSpecific)]
    [InlineData("lunar sextant drifts over copper", PasswordPolicyViolation.None)]
        public void Check_Candidate_GivesExpectedViolation(string candidate, PasswordPolicyViolation expected)
    {
        Assert.Equal(expected, _policy.Check(candidate, "alice"));
    }

    [Theory]
    [InlineData("iloveyou")]
    [InlineData("p@ssw0rd")]
    [InlineData("trustno1")]
    public void Check_BreachedPasswordWithShortMinimum_Common(string candidate)
    {
        var policy = new PasswordPolicy(new PasswordPolicyOptions { MinimumLength = 8, MinimumStrengthScore = 0 });
        Assert.Equal(PasswordPolicyViolation.Common, policy.Check(candidate));
    }

    [Fact]
    public void Check_NoCompositionRules_AllLowercasePassphraseAccepted()
    {
        Assert.Equal(PasswordPolicyViolation.None, _policy.Check("velvet orchard mirrors quietly"));
    }

    [Fact]
    public void Check_SixtyFourCharacters_Accepted_AndAboveMaximum_Refused()
    {
        var sixtyFour = "Zq8vLm2Rt6Wy4Pn0Xk3Hb9Fd1Gs5Jc7" + "Vu2Qa8Me4Tz6Lr0Yw9Kp3Nx1Hg5Bd7FsQ";
        Assert.Equal(64, sixtyFour.Length);
        Assert.Equal(PasswordPolicyViolation.None, _policy.Check(sixtyFour));
        Assert.Equal(PasswordPolicyViolation.TooLong, _policy.Check(new string('k', 257)));
    }

    [Fact]
    public void Check_LengthCountsCodePointsAfterNormalisation()
    {
        var policy = new PasswordPolicy(new PasswordPolicyOptions { MinimumLength = 8, MinimumStrengthScore = 0 });
        // Seven emoji are fourteen UTF-16 units but seven characters.
        Assert.Equal(PasswordPolicyViolation.TooShort, policy.Check("🦊🐙🦉🐝🦋🐬🦀"));
        Assert.Equal(PasswordPolicyViolation.None, policy.Check("🦊🐙🦉🐝🦋🐬🦀🐢"));
    }

    [Fact]
    public void Check_InvalidText_InvalidCharacters()
    {
        Assert.Equal(PasswordPolicyViolation.InvalidCharacters, _policy.Check("unpaired " + (char)0xD800 + " surrogate here"));
        Assert.Equal(PasswordPolicyViolation.InvalidCharacters, _policy.Check("control" + (char)7 + "characters in here"));
    }

    [Fact]
    public void Check_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => _policy.Check(null!));
        Assert.Throws<ArgumentNullException>(() => new PasswordPolicy(null!));
    }
}
