using System.Collections.Concurrent;
using TradingRl.Security.AspNetCore.Validation;

namespace TradingRl.Security.WebApiSample;

/// <summary>The sample's stand-in for an execution venue: accepted orders kept in memory.</summary>
internal sealed class OrderBook
{
    private readonly ConcurrentDictionary<string, (string Owner, OrderRequest Order)> _orders = new(StringComparer.Ordinal);

    public bool TryAdd(string owner, OrderRequest order) => _orders.TryAdd(order.ClientOrderId, (owner, order));

    public IReadOnlyList<object> List() =>
        [.. _orders.Values.OrderBy(o => o.Order.ClientOrderId, StringComparer.Ordinal).Select(o => (object)new
        {
            o.Order.ClientOrderId,
            o.Order.Account,
            o.Order.Symbol,
            Side = o.Order.Side.ToString(),
            Type = o.Order.Type.ToString(),
            o.Order.Quantity,
            o.Order.LimitPrice,
            o.Owner,
        })];

    public bool TryCancel(string clientOrderId) => _orders.TryRemove(clientOrderId, out _);
}
