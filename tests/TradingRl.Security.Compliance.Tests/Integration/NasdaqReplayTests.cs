using System.Globalization;
using TradingRl.Security.Compliance;
using TradingRl.Security.Events;
using TradingRl.Security.Tests;

namespace TradingRl.Security.Compliance.Tests.Integration;

/// <summary>Replays the whole LOBSTER AAPL hour (91,997 events) through the gate as one account's order flow.</summary>
/// <remarks>
/// Every new limit order (type 1) is checked; executions (types 4 and 5) set the reference price (the last trade) and fill our
/// allowed orders; cancels and deletions (types 2 and 3) release them. The expected decisions come from a separate, plain model
/// in this test (a queue for the sliding window, a dictionary of resting orders), not from the gate.
/// </remarks>
public sealed class NasdaqReplayTests
{
    private const string File = "data/market/AAPL_2012-06-21_34200000_37800000_message_50.csv";
    private const string Account = "lobster";

    // 2012-06-21 is in US daylight time: 09:30 New York is 13:30 UTC; the file's time is seconds after New York midnight.
    private static readonly DateTimeOffset Midnight = new(2012, 6, 21, 4, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan MaxQuoteAge = TimeSpan.FromSeconds(2);
    private const decimal Collar = 0.01m;
    private const int MaxOrders = 100;
    private const int MaxOpen = 60;

    [Fact]
    public void Replay_WholeHour_GateDecisionsMatchAnIndependentModel()
    {
        var rows = System.IO.File.ReadAllLines(SharedData.Path(File));
        Assert.Equal(91_997, rows.Length);

        using var f = new RiskFixture(o =>
        {
            o.MaxQuoteAge = MaxQuoteAge;
            o.Limits.PriceCollar = Collar;
            o.Limits.PeriodPriceCollar = null;
            o.Limits.MaxOrdersPerWindow = MaxOrders;
            o.Limits.MaxMessagesPerWindow = 1000;
            o.Limits.MaxOpenOrders = MaxOpen;
        }, start: Midnight.AddSeconds(34_200));
        f.Book.DefineInstrument(new Instrument("AAPL", "USD", 0.01m, 1m) { DailyVolatility = 0.02m });
        f.Book.DefineAccount(new TradingAccount(Account, 10_000_000_000m));

        var expected = new Dictionary<RiskReason, int>();
        var model = new Model();
        var newOrders = 0;
        foreach (var row in rows)
        {
            var c = row.Split(',');
            var ticks = (long)(decimal.Parse(c[0], CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond);
            var now = Midnight.AddTicks(ticks);
            var type = int.Parse(c[1], CultureInfo.InvariantCulture);
            var id = c[2];
            var size = decimal.Parse(c[3], CultureInfo.InvariantCulture);
            var price = decimal.Parse(c[4], CultureInfo.InvariantCulture) / 10_000m;
            var side = c[5] == "1" ? OrderSide.Buy : OrderSide.Sell;
            f.Time.SetUtcNow(now);

            switch (type)
            {
                case 1:
                    newOrders++;
                    var want = model.Decide(id, side, price, now);
                    var order = new OrderRequest(id, Account, "AAPL", side, OrderType.Limit, size, price);
                    var got = f.Gate.Check(in order);
                    Assert.True(want == got.Reason, $"order {id} at {c[0]}: model {want}, gate {got.Reason}");
                    if (want == RiskReason.None)
                    {
                        model.Open[id] = (side, price, size);
                    }
                    else
                    {
                        expected[want] = expected.GetValueOrDefault(want) + 1;
                    }

                    break;
                case 2 or 3:
                    if (model.Open.TryGetValue(id, out var o))
                    {
                        var left = type == 3 ? 0m : o.Remaining - size;
                        Assert.True(f.Gate.OnOrderCancelled(Account, id, type == 3 ? null : size));
                        model.Reduce(id, left);
                    }

                    break;
                case 4 or 5:
                    if (model.Open.TryGetValue(id, out var e))
                    {
                        f.Gate.OnFill(new Fill(Account, "AAPL", e.Side, size, price, id));
                        model.Position += e.Side == OrderSide.Buy ? size : -size;
                        model.Reduce(id, e.Remaining - size);
                    }

                    f.Book.UpdateMarketData("AAPL", new MarketQuote(null, null, price, now));
                    model.LastTrade = price;
                    model.LastTradeAt = now;
                    break;
            }
        }

        // The file's own counts (shared/data/market/README.md): 44,256 new orders.
        Assert.Equal(44_256, newOrders);

        var stats = f.Gate.GetStatistics();
        Assert.Equal(newOrders, stats.OrdersChecked);
        Assert.Equal(model.Allowed, stats.OrdersAllowed);
        Assert.Equal(expected.OrderBy(p => p.Key), stats.DenialsByReason.Select(p => new KeyValuePair<RiskReason, int>(p.Key, (int)p.Value)).OrderBy(p => p.Key));
        Assert.Equal(stats.OrdersDenied, f.Events.OfType(SecurityEventTypes.OrderDenied).Count);
        Assert.Equal(model.Open.Count, f.Book.GetOpenOrders(Account).Count);
        Assert.Equal(model.Position, f.Book.GetPosition(Account, "AAPL").Quantity);

        // The model's counts for this file, pinned so a change to the model is noticed too: 32 orders before the first trade,
        // 9,457 more than 2 s after the last trade, 36 outside a 1 % collar around it, 28,990 over 100 per sliding 60 s,
        // one over 60 resting orders; no tick, duplicate-id or self-trade denials; 5,740 allowed.
        Assert.Equal<KeyValuePair<RiskReason, int>>(
            [
                new(RiskReason.NoReferencePrice, 32),
                new(RiskReason.StalePrice, 9_457),
                new(RiskReason.PriceCollar, 36),
                new(RiskReason.MaxOpenOrders, 1),
                new(RiskReason.OrderRateLimit, 28_990),
            ],
            expected.OrderBy(p => p.Key).ToArray());
        Assert.Equal(5_740, model.Allowed);
        Assert.Equal(31, model.Open.Count);
        Assert.Equal(-2_131m, model.Position);
    }

    /// <summary>The plain model of the controls the replay exercises, written without the gate's code.</summary>
    private sealed class Model
    {
        private readonly Queue<DateTimeOffset> _window = new();

        public Dictionary<string, (OrderSide Side, decimal Price, decimal Remaining)> Open { get; } = new(StringComparer.Ordinal);

        public decimal? LastTrade { get; set; }

        public DateTimeOffset LastTradeAt { get; set; }

        public decimal Position { get; set; }

        public int Allowed { get; private set; }

        public RiskReason Decide(string id, OrderSide side, decimal price, DateTimeOffset now)
        {
            if (LastTrade is not { } last)
            {
                return RiskReason.NoReferencePrice;
            }

            if (now - LastTradeAt > MaxQuoteAge)
            {
                return RiskReason.StalePrice;
            }

            if (price * 100m != Math.Floor(price * 100m))
            {
                return RiskReason.InvalidTickSize;
            }

            if (Math.Abs(price - last) > Collar * last)
            {
                return RiskReason.PriceCollar;
            }

            if (Open.ContainsKey(id))
            {
                return RiskReason.UnknownOrDuplicateOrderId;
            }

            foreach (var o in Open.Values)
            {
                if (o.Side != side && (side == OrderSide.Buy ? price >= o.Price : price <= o.Price))
                {
                    return RiskReason.SelfTrade;
                }
            }

            if (Open.Count + 1 > MaxOpen)
            {
                return RiskReason.MaxOpenOrders;
            }

            while (_window.Count > 0 && _window.Peek() <= now - TimeSpan.FromSeconds(60))
            {
                _window.Dequeue();
            }

            if (_window.Count + 1 > MaxOrders)
            {
                return RiskReason.OrderRateLimit;
            }

            _window.Enqueue(now);
            Allowed++;
            return RiskReason.None;
        }

        public void Reduce(string id, decimal remaining)
        {
            if (remaining <= 0m)
            {
                Open.Remove(id);
            }
            else
            {
                Open[id] = Open[id] with { Remaining = remaining };
            }
        }
    }
}
