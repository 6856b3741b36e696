namespace TradingRl.Security.Compliance;

/// <summary>The limits that apply to one order: for each control, the tightest value set globally, for the instrument, the account or the strategy.</summary>
/// <remarks>Immutable and compared by value, so accounts whose limits combine to the same values share one instance (<see cref="Intern"/>):
/// a check of a cold account then finds its limits in the CPU cache.</remarks>
internal sealed class EffectiveLimits : IEquatable<EffectiveLimits>
{
    private const int MaxInterned = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<EffectiveLimits, EffectiveLimits> Interned = new();

    public readonly decimal? MaxOrderQuantity;
    public readonly decimal? MaxOrderNotional;
    public readonly decimal? MinOrderQuantity;
    public readonly decimal? PriceCollar;
    public readonly decimal? PeriodPriceCollar;
    public readonly int? MaxOrdersPerWindow;
    public readonly int? MaxMessagesPerWindow;
    public readonly int? MaxOpenOrders;
    public readonly decimal? MaxPositionFraction;
    public readonly decimal? MaxDailyLossFraction;
    public readonly decimal? MaxVarFraction;

    public EffectiveLimits(RiskLimits global, RiskLimits? instrument, RiskLimits? account, RiskLimits? strategy)
    {
        MaxOrderQuantity = Min(global.MaxOrderQuantity, instrument?.MaxOrderQuantity, account?.MaxOrderQuantity, strategy?.MaxOrderQuantity);
        MaxOrderNotional = Min(global.MaxOrderNotional, instrument?.MaxOrderNotional, account?.MaxOrderNotional, strategy?.MaxOrderNotional);

        // A floor is tightest at its highest value.
        MinOrderQuantity = Max(global.MinOrderQuantity, instrument?.MinOrderQuantity, account?.MinOrderQuantity, strategy?.MinOrderQuantity);
        PriceCollar = Min(global.PriceCollar, instrument?.PriceCollar, account?.PriceCollar, strategy?.PriceCollar);
        PeriodPriceCollar = Min(global.PeriodPriceCollar, instrument?.PeriodPriceCollar, account?.PeriodPriceCollar, strategy?.PeriodPriceCollar);
        MaxOrdersPerWindow = Min(global.MaxOrdersPerWindow, instrument?.MaxOrdersPerWindow, account?.MaxOrdersPerWindow, strategy?.MaxOrdersPerWindow);
        MaxMessagesPerWindow = Min(global.MaxMessagesPerWindow, instrument?.MaxMessagesPerWindow, account?.MaxMessagesPerWindow, strategy?.MaxMessagesPerWindow);
        MaxOpenOrders = Min(global.MaxOpenOrders, instrument?.MaxOpenOrders, account?.MaxOpenOrders, strategy?.MaxOpenOrders);
        MaxPositionFraction = Min(global.MaxPositionFraction, instrument?.MaxPositionFraction, account?.MaxPositionFraction, strategy?.MaxPositionFraction);
        MaxDailyLossFraction = Min(global.MaxDailyLossFraction, instrument?.MaxDailyLossFraction, account?.MaxDailyLossFraction, strategy?.MaxDailyLossFraction);
        MaxVarFraction = Min(global.MaxVarFraction, instrument?.MaxVarFraction, account?.MaxVarFraction, strategy?.MaxVarFraction);
    }

    /// <summary>Returns the shared instance with the same values as <paramref name="limits"/>; itself once the pool is full (limits changed very often).</summary>
    public static EffectiveLimits Intern(EffectiveLimits limits) =>
        Interned.TryGetValue(limits, out var shared) ? shared : Interned.Count < MaxInterned ? Interned.GetOrAdd(limits, limits) : limits;

    public bool Equals(EffectiveLimits? other) =>
        other is not null
        && Same(MaxOrderQuantity, other.MaxOrderQuantity) && Same(MaxOrderNotional, other.MaxOrderNotional) && Same(MinOrderQuantity, other.MinOrderQuantity)
        && Same(PriceCollar, other.PriceCollar) && Same(PeriodPriceCollar, other.PeriodPriceCollar)
        && MaxOrdersPerWindow == other.MaxOrdersPerWindow && MaxMessagesPerWindow == other.MaxMessagesPerWindow && MaxOpenOrders == other.MaxOpenOrders
        && Same(MaxPositionFraction, other.MaxPositionFraction) && Same(MaxDailyLossFraction, other.MaxDailyLossFraction) && Same(MaxVarFraction, other.MaxVarFraction);

    public override bool Equals(object? obj) => Equals(obj as EffectiveLimits);

    public override int GetHashCode()
    {
        var h = default(HashCode);
        h.Add(MaxOrderQuantity);
        h.Add(MaxOrderNotional);
        h.Add(MinOrderQuantity);
        h.Add(PriceCollar);
        h.Add(PeriodPriceCollar);
        h.Add(MaxOrdersPerWindow);
        h.Add(MaxMessagesPerWindow);
        h.Add(MaxOpenOrders);
        h.Add(MaxPositionFraction);
        h.Add(MaxDailyLossFraction);
        h.Add(MaxVarFraction);
        return h.ToHashCode();
    }

    // The same representation, not only the same value: a denial reports the limit, and 1.0 and 1.00 print differently.
    private static bool Same(decimal? a, decimal? b) =>
        a is { } x ? b is { } y && x == y && x.Scale == y.Scale && decimal.IsNegative(x) == decimal.IsNegative(y) : b is null;

    private static decimal? Min(decimal? a, decimal? b, decimal? c, decimal? d) => Min(Min(a, b), Min(c, d));

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Max(decimal? a, decimal? b, decimal? c, decimal? d) => Max(Max(a, b), Max(c, d));

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static int? Min(int? a, int? b, int? c, int? d) => Min(Min(a, b), Min(c, d));

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}

/// <summary>
/// The combined limits an account last used, per instrument and strategy limits, so an allowed order does not recombine
/// eleven nullable decimals at four levels. An entry is used only while the four <see cref="RiskLimits"/> it was made from
/// are the same objects at the same <see cref="RiskLimits.Version"/>: setting any limit, or redefining the account,
/// instrument or strategy, is seen by the next order. Lock-free: a slot is replaced whole; two threads missing at once
/// both compute the same value.
/// </summary>
internal sealed class EffectiveLimitsCache
{
    private const int Slots = 8;
    private readonly Entry?[] _slots = new Entry?[Slots];

    public EffectiveLimits Get(RiskLimits global, RiskLimits? instrument, RiskLimits? account, RiskLimits? strategy)
    {
        var i = ((System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(instrument) * 31)
            + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(strategy)) & (Slots - 1);
        var e = Volatile.Read(ref _slots[i]);
        if (e is null || !e.Matches(global, instrument, account, strategy))
        {
            e = new Entry(global, instrument, account, strategy);
            Volatile.Write(ref _slots[i], e);
        }

        return e.Limits;
    }

    private sealed class Entry(RiskLimits global, RiskLimits? instrument, RiskLimits? account, RiskLimits? strategy)
    {
        private readonly int _globalVersion = global.Version;
        private readonly int _instrumentVersion = instrument?.Version ?? 0;
        private readonly int _accountVersion = account?.Version ?? 0;
        private readonly int _strategyVersion = strategy?.Version ?? 0;

        public EffectiveLimits Limits { get; } = EffectiveLimits.Intern(new(global, instrument, account, strategy));

        public bool Matches(RiskLimits g, RiskLimits? i, RiskLimits? a, RiskLimits? s) =>
            ReferenceEquals(g, global) && g.Version == _globalVersion
            && ReferenceEquals(i, instrument) && (i?.Version ?? 0) == _instrumentVersion
            && ReferenceEquals(a, account) && (a?.Version ?? 0) == _accountVersion
            && ReferenceEquals(s, strategy) && (s?.Version ?? 0) == _strategyVersion;
    }
}
