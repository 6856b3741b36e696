namespace TradingRl.Security.Compliance;

/// <summary>An account of one <see cref="PortfolioBook"/>, resolved once with <see cref="PortfolioBook.ResolveAccount"/>.</summary>
/// <remarks>
/// A hot path that sends many orders for the same accounts keeps these and passes them to
/// <see cref="PreTradeRiskGate.Check(in OrderRequest, BookAccount, BookInstrument)"/> and
/// <see cref="PreTradeRiskGate.OnOrderCancelled(BookAccount, string, decimal?)"/>: the gate then reaches the account's state
/// directly instead of hashing its id and searching the book's table. With a large book whose accounts are cold in the CPU's
/// caches, that saves two dependent cache misses per look-up. Accounts are never removed from a book, so a reference stays valid
/// for the book's life. A value of the struct's default is not a reference to anything and is refused.
/// </remarks>
public readonly struct BookAccount : IEquatable<BookAccount>
{
    internal BookAccount(PortfolioBook book, AccountState state)
    {
        Book = book;
        State = state;
    }

    /// <summary>Gets the account id.</summary>
    /// <exception cref="InvalidOperationException">This is the default value, not a resolved account.</exception>
    public string Id => State?.Key ?? throw new InvalidOperationException("A default BookAccount refers to no account; use PortfolioBook.ResolveAccount.");

    /// <summary>Gets a value indicating whether this is the default value, which refers to no account.</summary>
    public bool IsDefault => State is null;

    internal PortfolioBook? Book { get; }

    internal AccountState? State { get; }

    /// <summary>Compares two references.</summary>
    public static bool operator ==(BookAccount left, BookAccount right) => left.Equals(right);

    /// <summary>Compares two references.</summary>
    public static bool operator !=(BookAccount left, BookAccount right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(BookAccount other) => ReferenceEquals(State, other.State);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BookAccount other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => State?.KeyHash ?? 0;

    /// <inheritdoc/>
    public override string ToString() => State?.Key ?? "(none)";
}

/// <summary>An instrument of one <see cref="PortfolioBook"/>, resolved once with <see cref="PortfolioBook.ResolveInstrument"/>.</summary>
/// <remarks>
/// Passed to <see cref="PortfolioBook.UpdateMarketData(BookInstrument, in MarketQuote)"/> and
/// <see cref="PreTradeRiskGate.Check(in OrderRequest, BookAccount, BookInstrument)"/>, it saves the look-up by symbol, as
/// <see cref="BookAccount"/> does for accounts. Instruments are never removed from a book. The default value is refused.
/// </remarks>
public readonly struct BookInstrument : IEquatable<BookInstrument>
{
    internal BookInstrument(PortfolioBook book, InstrumentState state)
    {
        Book = book;
        State = state;
    }

    /// <summary>Gets the instrument symbol.</summary>
    /// <exception cref="InvalidOperationException">This is the default value, not a resolved instrument.</exception>
    public string Symbol => State?.Key ?? throw new InvalidOperationException("A default BookInstrument refers to no instrument; use PortfolioBook.ResolveInstrument.");

    /// <summary>Gets a value indicating whether this is the default value, which refers to no instrument.</summary>
    public bool IsDefault => State is null;

    internal PortfolioBook? Book { get; }

    internal InstrumentState? State { get; }

    /// <summary>Compares two references.</summary>
    public static bool operator ==(BookInstrument left, BookInstrument right) => left.Equals(right);

    /// <summary>Compares two references.</summary>
    public static bool operator !=(BookInstrument left, BookInstrument right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(BookInstrument other) => ReferenceEquals(State, other.State);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BookInstrument other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => State?.KeyHash ?? 0;

    /// <inheritdoc/>
    public override string ToString() => State?.Key ?? "(none)";
}
