namespace TradingRl.Security.Compliance;

/// <summary>One account's position in one instrument, kept as FIFO lots so realised P&amp;L is exact, plus its resting-order reservations.</summary>
/// <remarks>Guarded by the owning <see cref="AccountState"/>'s lock.</remarks>
internal sealed class PositionState(InstrumentState instrument)
{
    private readonly List<Lot> _lots = [];
    private int _head;

    public InstrumentState Instrument { get; } = instrument;

    /// <summary>The signed quantity: positive long, negative short.</summary>
    public decimal Quantity { get; private set; }

    /// <summary>The sum of price x quantity over the open lots (positive for long and short alike).</summary>
    public decimal CostBasis { get; private set; }

    /// <summary>Realised P&amp;L since the start of the day, in the quote currency.</summary>
    public decimal RealisedToday { get; set; }

    /// <summary>The unrealised P&amp;L at the start of the day, so daily P&amp;L counts only today's move.</summary>
    public decimal StartOfDayUnrealised { get; set; }

    public decimal OpenBuyQuantity { get; set; }

    public decimal OpenSellQuantity { get; set; }

    public int OpenBuyCount { get; set; }

    public int OpenSellCount { get; set; }

    /// <summary>Unrealised P&amp;L at a mark price: sign x (mark x |quantity| - cost basis) x multiplier; exact.</summary>
    public decimal Unrealised(decimal mark) => Unrealised(mark, Instrument.Definition.Multiplier);

    /// <summary>Unrealised P&amp;L at a mark price with the instrument's multiplier, read with the mark.</summary>
    public decimal Unrealised(decimal mark, decimal multiplier)
    {
        if (Quantity == 0m)
        {
            return 0m;
        }

        var value = (mark * Math.Abs(Quantity)) - CostBasis;
        return (Quantity > 0m ? value : -value) * multiplier;
    }

    /// <summary>Applies an execution: closes opposite lots first in, first out (realising P&amp;L), then opens a lot with the rest.</summary>
    /// <returns>The P&amp;L realised by this fill.</returns>
    public decimal Apply(OrderSide side, decimal quantity, decimal price)
    {
        var direction = side == OrderSide.Buy ? 1m : -1m;
        var multiplier = Instrument.Definition.Multiplier;
        var remaining = quantity;
        var realised = 0m;
        while (remaining > 0m && Quantity != 0m && Math.Sign(Quantity) != Math.Sign(direction))
        {
            var lot = _lots[_head];
            var take = Math.Min(lot.Quantity, remaining);

            // Closing a long sells at `price`: gain is price - entry; closing a short buys at `price`: gain is entry - price.
            var gain = Quantity > 0m ? price - lot.Price : lot.Price - price;
            realised += gain * take * multiplier;
            CostBasis -= lot.Price * take;
            Quantity += direction * take;
            remaining -= take;
            if (take == lot.Quantity)
            {
                _head++;
            }
            else
            {
                _lots[_head] = lot with { Quantity = lot.Quantity - take };
            }
        }

        if (_head > 0 && _head == _lots.Count)
        {
            _lots.Clear();
            _head = 0;
        }

        if (remaining > 0m)
        {
            _lots.Add(new Lot(remaining, price));
            CostBasis += price * remaining;
            Quantity += direction * remaining;
        }

        RealisedToday += realised;
        return realised;
    }

    private readonly record struct Lot(decimal Quantity, decimal Price);
}
