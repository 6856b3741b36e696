namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>Endpoint metadata: the request body must be a valid order (see <see cref="OrderRequestValidator"/>).</summary>
internal sealed class OrderSchemaMetadata
{
    public static readonly OrderSchemaMetadata Instance = new();
}
