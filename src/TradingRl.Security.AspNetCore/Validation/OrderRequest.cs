using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace TradingRl.Security.AspNetCore.Validation;

/// <summary>An order request that passed schema validation, exactly as the client sent it (nothing trimmed, stripped or re-cased).</summary>
/// <remarks>
/// Minimal-API handlers take it as a parameter on endpoints marked with
/// <see cref="TradingApiEndpointExtensions.RequireOrderSchema{TBuilder}(TBuilder)"/>: the middleware has validated the body before the handler runs.
/// </remarks>
public sealed class OrderRequest : IBindableFromHttpContext<OrderRequest>
{
    internal OrderRequest(string clientOrderId, string account, string symbol, OrderSide side, OrderType type, decimal quantity, decimal? limitPrice, OrderTimeInForce timeInForce)
    {
        ClientOrderId = clientOrderId;
        Account = account;
        Symbol = symbol;
        Side = side;
        Type = type;
        Quantity = quantity;
        LimitPrice = limitPrice;
        TimeInForce = timeInForce;
    }

    /// <summary>Gets the client's id of the order: 1 to 64 of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public string ClientOrderId { get; }

    /// <summary>Gets the trading account: 1 to 64 of <c>A-Z a-z 0-9 . _ -</c>.</summary>
    public string Account { get; }

    /// <summary>Gets the instrument symbol: 1 to 16 of <c>A-Z 0-9 . / _ -</c>, starting with a letter or digit.</summary>
    public string Symbol { get; }

    /// <summary>Gets the side.</summary>
    public OrderSide Side { get; }

    /// <summary>Gets the order type.</summary>
    public OrderType Type { get; }

    /// <summary>Gets the quantity, greater than zero.</summary>
    public decimal Quantity { get; }

    /// <summary>Gets the limit price of a limit order; <see langword="null"/> for a market order.</summary>
    public decimal? LimitPrice { get; }

    /// <summary>Gets the time in force.</summary>
    public OrderTimeInForce TimeInForce { get; }

    /// <summary>Gets the order validated by the middleware for this request.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="parameter">The handler parameter.</param>
    /// <returns>The validated order.</returns>
    /// <exception cref="InvalidOperationException">The endpoint was not marked with <c>RequireOrderSchema()</c>, or <c>UseTradingApiSecurity()</c> was not called.</exception>
    public static ValueTask<OrderRequest?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult<OrderRequest?>(context.GetValidatedOrder() ?? throw new InvalidOperationException(
            "No validated order for this request: mark the endpoint with RequireOrderSchema() and call app.UseTradingApiSecurity() before mapping endpoints."));
    }
}
