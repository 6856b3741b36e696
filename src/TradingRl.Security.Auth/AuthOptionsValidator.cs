using Microsoft.Extensions.Options;

namespace TradingRl.Security.Auth;

/// <summary>Validates <see cref="AuthOptions"/> (data annotations, all sections) when the host starts.</summary>
[OptionsValidator]
public sealed partial class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
}
