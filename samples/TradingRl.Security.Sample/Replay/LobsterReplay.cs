using System.Globalization;
using TradingRl.Security.Sample.Input;

namespace TradingRl.Security.Sample.Replay;

/// <summary>Replays a LOBSTER message file as the order flow of N agent accounts.</summary>
/// <remarks>
/// Order <c>id</c> belongs to account <c>agent-(id mod N + 1)</c>. Type 1 submits; type 2 cancels part and type 3 all of a
/// resting order; types 4 and 5 execute a resting order and become fills of the account that owns it. Cancels and
/// executions of orders that rested before the file began (or hidden orders never added) are the rest of the market's
/// and are not ours; type 6 and 7 rows carry no order of ours.
/// </remarks>
public sealed class LobsterReplay(TradingDesk desk, int accounts)
{
    /// <summary>Gets the account that owns an order id.</summary>
    public static string AccountOf(long orderId, int accounts) =>
        "agent-" + ((orderId % accounts) + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Replays one message.</summary>
    public void OnMessage(in LobsterMessage m)
    {
        switch (m.EventType)
        {
            case 1:
                desk.Submit(new SampleOrder(m.OrderId, AccountOf(m.OrderId, accounts), "AAPL", m.Direction == 1 ? OrderSide.Buy : OrderSide.Sell, m.Price, m.Size, m.Time));
                break;
            case 2:
                desk.Cancel(m.OrderId, m.Size, full: false);
                break;
            case 3:
                desk.Cancel(m.OrderId, m.Size, full: true);
                break;
            case 4:
            case 5:
                desk.Fill(m.OrderId, m.Size, m.Price);
                break;
            default:
                break;
        }
    }
}
