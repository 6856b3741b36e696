using Microsoft.Extensions.Options;

namespace TradingRl.Security.Authorization;

/// <summary>Compiles the policy when the host starts and fails with every problem, each naming its culprit.</summary>
internal sealed class AuthorizationPolicyValidator(PermissionCatalog catalog) : IValidateOptions<AuthorizationOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = PolicyCompiler.Compile(options, catalog, out var errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
