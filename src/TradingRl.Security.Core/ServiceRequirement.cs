namespace TradingRl.Security;

/// <summary>One service that a composed package needs and another package provides.</summary>
/// <param name="ServiceType">The service type that must be registered.</param>
/// <param name="RequiredBy">Who needs it, e.g. <c>"AddIncidents()"</c>.</param>
/// <param name="Remedy">How to provide it, e.g. <c>"call AddCompliance() on the builder"</c>.</param>
public sealed record ServiceRequirement(Type ServiceType, string RequiredBy, string Remedy);
