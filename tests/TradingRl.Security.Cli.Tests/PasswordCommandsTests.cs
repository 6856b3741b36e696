using TradingRl.Security.Auth.Passwords;

namespace TradingRl.Security.Cli.Tests;

public sealed class PasswordCommandsTests : CliRunner
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Hash_PasswordOnStdin_PrintsArgon2idHashTheAuthPackageVerifies()
    {
        var (code, output, _) = await Run(Password + "\n", "password", "hash", "--memory", "19456", "--iterations", "2");

        Assert.Equal(0, code);
        var hash = output.Trim();
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
        using var hasher = new Argon2idPasswordHasher(new PasswordHashingOptions { MemoryKiB = 19_456, Iterations = 2 });
        Assert.Equal(PasswordVerificationResult.Success, await hasher.VerifyAsync(Password, hash));
    }

    [Fact]
    public async Task Verify_RightAndWrongPassword_Exit0AndExit1()
    {
        var hash = (await Run(Password, "password", "hash", "--memory", "19456", "--iterations", "2")).Output.Trim();

        var right = await Run(Password, "password", "verify", hash);
        var wrong = await Run("correct horse battery stapler", "password", "verify", hash);

        Assert.Equal(0, right.Code);
        Assert.StartsWith("MATCH", right.Output, StringComparison.Ordinal);
        Assert.Equal(1, wrong.Code);
        Assert.StartsWith("NO MATCH", wrong.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TamperedHash_Exit1()
    {
        var hash = (await Run(Password, "password", "hash", "--memory", "19456", "--iterations", "2")).Output.Trim();
        var tampered = hash[..^2] + (hash[^2] == 'A' ? "B" : "A") + hash[^1];

        Assert.Equal(1, (await Run(Password, "password", "verify", tampered)).Code);
    }

    [Theory]
    [InlineData("password", "hash", "hunter2")]
    [InlineData("password", "hash", "--password", "hunter2")]
    [InlineData("password", "hash", "--memory")]
    [InlineData("password", "hash", "--memory", "lots")]
    [InlineData("password", "verify")]
    [InlineData("password", "verify", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "hunter2")]
    [InlineData("password", "verify", "plain-sha256-hash")]
    public async Task Commands_PasswordAsArgumentOrBadOptions_Usage2WithoutEchoingIt(params string[] args)
    {
        var (code, output, error) = await Run(Password, args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.DoesNotContain(Password, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_WeakerThanTheMinimum_Usage2NamingTheSetting()
    {
        var (code, _, error) = await Run(Password, "password", "hash", "--memory", "1024");

        Assert.Equal(2, code);
        Assert.Contains("MemoryKiB", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n")]
    public async Task Hash_NothingOnStdin_Usage2(string stdin)
    {
        var (code, _, error) = await Run(stdin, "password", "hash");

        Assert.Equal(2, code);
        Assert.Contains("no password on standard input", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_HugePassword_Usage2()
    {
        var (code, output, error) = await Run(new string('x', Argon2idPasswordHasher.MaxPasswordLength + 1), "password", "hash");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("longer than 4096", error, StringComparison.Ordinal);
    }
}
