using System.Net;
using Microsoft.Extensions.Compliance.Classification;

namespace TradingRl.Security.Authorization;

/// <summary>What a principal asks to do: the permission, the resource's attributes and the request's environment.</summary>
/// <remarks>A value passed with <c>in</c>; attributes left unset are missing, and a rule condition that needs a missing attribute cannot be evaluated (it never allows).</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1815", Justification = "A request is an input, never compared.")]
public readonly struct AuthorizationRequest
{
    /// <summary>Initializes a request for a permission.</summary>
    /// <param name="permission">The permission asked for.</param>
    public AuthorizationRequest(Permission permission) => Permission = permission;

    /// <summary>Gets the permission asked for, e.g. <see cref="Permissions.PlaceOrder"/>.</summary>
    public Permission Permission { get; init; }

    /// <summary>Gets the instrument acted on, e.g. <c>AAPL</c>.</summary>
    public string? Instrument { get; init; }

    /// <summary>Gets the desk (tenant) the resource belongs to; a principal of another desk is always denied.</summary>
    public string? Desk { get; init; }

    /// <summary>Gets the trading account acted on.</summary>
    public string? Account { get; init; }

    /// <summary>Gets the notional value of the action, e.g. an order's quantity times price.</summary>
    public decimal? Notional { get; init; }

    /// <summary>Gets the data classification of the resource (see <see cref="TradingDataClassifications"/>).</summary>
    public DataClassification? Classification { get; init; }

    /// <summary>Gets the network address the request came from.</summary>
    public IPAddress? SourceAddress { get; init; }
}
