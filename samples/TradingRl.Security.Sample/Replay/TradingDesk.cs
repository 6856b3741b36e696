using System.Globalization;
using TradingRl.Security.Events;

namespace TradingRl.Security.Sample.Replay;

/// <summary>The host's order path: every order, cancel and fill of every agent passes here and becomes security events.</summary>
public sealed class TradingDesk(ISecurityEventPublisher publisher, TimeProvider time)
{
    // Order id -> the order and its quantity still resting.
    private readonly Dictionary<long, (SampleOrder Order, long Remaining)> _open = [];

    /// <summary>Gets the number of orders submitted.</summary>
    public long OrdersSubmitted { get; private set; }

    /// <summary>Gets the number of cancels (full or partial).</summary>
    public long Cancels { get; private set; }

    /// <summary>Gets the number of fills (full or partial).</summary>
    public long Fills { get; private set; }

    /// <summary>Gets the orders still resting.</summary>
    public int OpenOrders => _open.Count;

    /// <summary>Gets or sets the security controls every order passes (authorization, then the pre-trade risk gate).</summary>
    public TradingRl.Security.Sample.Security.SecuritySuite? Controls { get; set; }

    /// <summary>Gets the number of orders the controls refused (they never reach the market).</summary>
    public long OrdersRefused { get; private set; }

    /// <summary>Sends an order, if authorization and the risk gate allow it.</summary>
    /// <returns>Whether the order went to the market.</returns>
    public bool Submit(SampleOrder order)
    {
        OrdersSubmitted++;
        if (Controls is { } controls && !controls.CheckOrder(order))
        {
            OrdersRefused++;
            return false;
        }

        Controls?.OnAccepted(order);
        _open[order.Id] = (order, order.Quantity);
        publisher.Publish(new SecurityEvent(SecurityEventTypes.OrderSubmitted.Type, SecurityEventTypes.OrderSubmitted.DefaultSeverity, time.GetUtcNow())
        {
            Actor = order.Account,
            Resource = "order/" + order.Id.ToString(CultureInfo.InvariantCulture),
            Outcome = SecurityOutcome.Success,
            CorrelationId = order.Id.ToString(CultureInfo.InvariantCulture),
            // Only the instrument (market data: internal) goes into the event; side, size and price are order
            // data (confidential) and stay out of the event stream, which reaches logs and the audit trail.
            Properties = new Dictionary<string, string> { ["instrument"] = order.Instrument },
        });
        return true;
    }

    /// <summary>Cancels all or part of a resting order; unknown orders (placed before the replay began) belong to the market and are ignored.</summary>
    /// <returns>Whether the order was ours.</returns>
    public bool Cancel(long orderId, long quantity, bool full)
    {
        if (!Reduce(orderId, full ? long.MaxValue : quantity, out var order, out var gone))
        {
            return false;
        }

        Cancels++;
        Controls?.OnCancelled(order, quantity, full);
        publisher.Publish(new SecurityEvent(SecurityEventTypes.OrderCancelled.Type, SecurityEventTypes.OrderCancelled.DefaultSeverity, time.GetUtcNow())
        {
            Actor = order.Account,
            Resource = "order/" + orderId.ToString(CultureInfo.InvariantCulture),
            Outcome = SecurityOutcome.Success,
            CorrelationId = orderId.ToString(CultureInfo.InvariantCulture),
            Properties = new Dictionary<string, string> { ["instrument"] = order.Instrument, ["remaining"] = gone ? "none" : "some" },
        });
        return true;
    }

    /// <summary>Records a fill of a resting order for the account that owns it.</summary>
    /// <returns>Whether the order was ours.</returns>
    public bool Fill(long orderId, long quantity, decimal price)
    {
        if (!Reduce(orderId, quantity, out var order, out var gone))
        {
            return false;
        }

        LastFillPrice = price;
        Controls?.OnFilled(order, quantity, price);

        Fills++;
        publisher.Publish(new SecurityEvent(SecurityEventTypes.OrderFilled.Type, SecurityEventTypes.OrderFilled.DefaultSeverity, time.GetUtcNow())
        {
            Actor = order.Account,
            Resource = "order/" + orderId.ToString(CultureInfo.InvariantCulture),
            Outcome = SecurityOutcome.Success,
            CorrelationId = orderId.ToString(CultureInfo.InvariantCulture),
            Properties = new Dictionary<string, string> { ["instrument"] = order.Instrument, ["remaining"] = gone ? "none" : "some" },
        });
        return true;
    }

    /// <summary>Gets the price of the last fill.</summary>
    public decimal LastFillPrice { get; private set; }

    /// <summary>Tells whether an order is still resting.</summary>
    public bool IsOpen(long orderId) => _open.ContainsKey(orderId);

    private bool Reduce(long orderId, long quantity, out SampleOrder order, out bool gone)
    {
        if (!_open.TryGetValue(orderId, out var entry))
        {
            order = null!;
            gone = false;
            return false;
        }

        order = entry.Order;
        var remaining = quantity >= entry.Remaining ? 0 : entry.Remaining - quantity;
        gone = remaining == 0;
        if (gone)
        {
            _open.Remove(orderId);
        }
        else
        {
            _open[orderId] = (order, remaining);
        }

        return true;
    }
}
