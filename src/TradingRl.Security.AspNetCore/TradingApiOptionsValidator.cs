using Microsoft.Extensions.Options;

namespace TradingRl.Security.AspNetCore;

/// <summary>Validates <see cref="TradingApiOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class TradingApiOptionsValidator : IValidateOptions<TradingApiOptions>
{
}
