using Microsoft.Extensions.DependencyInjection;

namespace TradingRl.Security;

/// <summary>The composition point on which each TradingRl.Security package adds its services.</summary>
/// <remarks>Made only by <see cref="TradingSecurityServiceCollectionExtensions.AddTradingSecurity(IServiceCollection, Action{ITradingSecurityBuilder}?)"/>.</remarks>
public interface ITradingSecurityBuilder
{
    /// <summary>Gets the service collection the packages register into.</summary>
    IServiceCollection Services { get; }
}
