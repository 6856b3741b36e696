namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>The outcome of validating an order request: the order, or every field error found.</summary>
public sealed class OrderValidationResult
{
    private OrderValidationResult(OrderRequest? order, IReadOnlyList<FieldError> errors)
    {
        Order = order;
        Errors = errors;
    }

    /// <summary>Gets a value indicating whether the body is a valid order.</summary>
    public bool IsValid => Order is not null;

    /// <summary>Gets the order when valid.</summary>
    public OrderRequest? Order { get; }

    /// <summary>Gets every error found, in body order; empty when valid.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    internal static OrderValidationResult Valid(OrderRequest order) => new(order, []);

    internal static OrderValidationResult Invalid(List<FieldError> errors) => new(null, errors);
}
