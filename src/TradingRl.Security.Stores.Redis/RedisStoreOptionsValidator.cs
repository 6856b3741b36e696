using Microsoft.Extensions.Options;

namespace TradingRl.Security.Stores.Redis;

/// <summary>Validates <see cref="RedisStoreOptions"/> (data annotations) when the host starts.</summary>
[OptionsValidator]
public sealed partial class RedisStoreOptionsValidator : IValidateOptions<RedisStoreOptions>
{
}
