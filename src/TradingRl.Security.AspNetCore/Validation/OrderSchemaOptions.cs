using System.ComponentModel.DataAnnotations;

namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>Limits an order request must respect to pass schema validation.</summary>
public sealed class OrderSchemaOptions
{
    /// <summary>Gets or sets the largest quantity accepted.</summary>
    /// <value>Default 1,000,000; 1 to 1,000,000,000.</value>
    [Range(typeof(decimal), "1", "1000000000")]
    public decimal MaxQuantity { get; set; } = 1_000_000m;

    /// <summary>Gets or sets the largest limit price accepted.</summary>
    /// <value>Default 1,000,000; 0.0001 to 1,000,000,000.</value>
    [Range(typeof(decimal), "0.0001", "1000000000")]
    public decimal MaxPrice { get; set; } = 1_000_000m;

    /// <summary>Gets or sets the most decimal places a quantity or price may have.</summary>
    /// <value>Default 8; 0 to 12.</value>
    [Range(0, 12)]
    public int MaxDecimalPlaces { get; set; } = 8;
}
