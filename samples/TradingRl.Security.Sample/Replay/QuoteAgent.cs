using TradingRl.Security.Sample.Input;

namespace TradingRl.Security.Sample.Replay;

/// <summary>A small deterministic trading agent (a stand-in for an RL policy): it turns quotes into orders for several accounts.</summary>
/// <remarks>
/// Each account follows the short-term trend of the mid with its own look-back and trades with a seeded probability.
/// Half its orders cross the spread and fill at the far touch; the rest rest at the near touch and fill when a later quote
/// trades through them, or are cancelled after a few quotes.
/// </remarks>
public sealed class QuoteAgent
{
    private const string Instrument = "USD/JPY";
    private readonly TradingDesk _desk;
    private readonly string[] _accounts;
    private readonly Random _random;
    private readonly Queue<decimal> _mids = new();
    private readonly List<(SampleOrder Order, int Age)> _resting = [];
    private long _nextId = 1;

    /// <summary>Initializes the agent.</summary>
    public QuoteAgent(TradingDesk desk, IReadOnlyList<string> accounts, int seed)
    {
        _desk = desk;
        _accounts = [.. accounts];
#pragma warning disable CA5394 // A seeded, reproducible policy: nothing secret is drawn from it.
        _random = new Random(seed);
#pragma warning restore CA5394
    }

    /// <summary>Reacts to one quote: settles resting orders, then maybe trades for each account.</summary>
    public void OnQuote(in Quote quote)
    {
        SettleResting(quote);
        _mids.Enqueue(quote.Mid);
        if (_mids.Count > 20)
        {
            _mids.Dequeue();
        }

        for (var a = 0; a < _accounts.Length; a++)
        {
            var lookBack = 3 + (a * 4);
            if (_mids.Count <= lookBack)
            {
                continue;
            }

#pragma warning disable CA5394
            if (_random.NextDouble() > 0.15)
            {
                continue;
            }

            var past = _mids.ElementAt(_mids.Count - 1 - lookBack);
            var side = quote.Mid > past ? OrderSide.Buy : quote.Mid < past ? OrderSide.Sell : (_random.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell);
            var quantity = 100_000L * (1 + _random.Next(5));
            var aggressive = _random.Next(2) == 0;
#pragma warning restore CA5394
            var price = aggressive
                ? (side == OrderSide.Buy ? quote.Ask : quote.Bid)
                : (side == OrderSide.Buy ? quote.Bid : quote.Ask);
            var order = new SampleOrder(_nextId++, _accounts[a], Instrument, side, price, quantity, quote.Time);
            if (!_desk.Submit(order))
            {
                continue;
            }

            if (aggressive)
            {
                _desk.Fill(order.Id, quantity, price);
            }
            else
            {
                _resting.Add((order, 0));
            }
        }
    }

    private void SettleResting(in Quote quote)
    {
        for (var i = _resting.Count - 1; i >= 0; i--)
        {
            var (order, age) = _resting[i];
            var tradesThrough = order.Side == OrderSide.Buy ? quote.Ask <= order.Price : quote.Bid >= order.Price;
            if (tradesThrough)
            {
                _desk.Fill(order.Id, order.Quantity, order.Price);
                _resting.RemoveAt(i);
            }
            else if (age >= 5)
            {
                _desk.Cancel(order.Id, order.Quantity, full: true);
                _resting.RemoveAt(i);
            }
            else
            {
                _resting[i] = (order, age + 1);
            }
        }
    }
}
