namespace TradingRl.Security.Compliance;

/// <summary>The limits that apply to one order: for each control, the tightest value set globally, for the instrument, the account or the strategy.</summary>
internal readonly struct EffectiveLimits
{
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

    private static decimal? Min(decimal? a, decimal? b, decimal? c, decimal? d) => Min(Min(a, b), Min(c, d));

    private static decimal? Min(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static decimal? Max(decimal? a, decimal? b, decimal? c, decimal? d) => Max(Max(a, b), Max(c, d));

    private static decimal? Max(decimal? a, decimal? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private static int? Min(int? a, int? b, int? c, int? d) => Min(Min(a, b), Min(c, d));

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);
}
