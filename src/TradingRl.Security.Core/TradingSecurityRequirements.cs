using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TradingRl.Security;

/// <summary>The services that the composed packages need from each other, checked when the host starts.</summary>
public sealed class TradingSecurityRequirements
{
    private readonly List<ServiceRequirement> _requirements = [];

    /// <summary>Gets the declared requirements.</summary>
    public IReadOnlyList<ServiceRequirement> Requirements => _requirements;

    /// <summary>Adds a requirement; the same service and requirer is kept once.</summary>
    /// <param name="requirement">The requirement.</param>
    public void Add(ServiceRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        if (!_requirements.Contains(requirement))
        {
            _requirements.Add(requirement);
        }
    }
}

internal sealed class TradingSecurityRequirementsValidator(IServiceProviderIsService isService) : IValidateOptions<TradingSecurityRequirements>
{
    public ValidateOptionsResult Validate(string? name, TradingSecurityRequirements options)
    {
        List<string>? failures = null;
        foreach (var r in options.Requirements)
        {
            if (!isService.IsService(r.ServiceType))
            {
                (failures ??= []).Add(
                    $"{r.RequiredBy} needs a registration of {r.ServiceType.FullName}, and none was made: {r.Remedy}.");
            }
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
