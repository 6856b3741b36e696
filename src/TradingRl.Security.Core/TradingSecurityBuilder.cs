using Microsoft.Extensions.DependencyInjection;

namespace TradingRl.Security;

internal sealed class TradingSecurityBuilder(IServiceCollection services) : ITradingSecurityBuilder
{
    public IServiceCollection Services { get; } = services;
}
