using Microsoft.Extensions.Options;

namespace TradingRl.Security.Authorization;

/// <summary>Validates the ranges of <see cref="AuthorizationOptions"/> when the host starts.</summary>
/// <remarks>The policy itself (names, cycles, rules) is checked by the compiler the package registers beside it.</remarks>
[OptionsValidator]
public sealed partial class AuthorizationOptionsValidator : IValidateOptions<AuthorizationOptions>
{
}
