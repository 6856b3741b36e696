global using TradingRl.Security.Events;
