using TradingRl.Security.Cli;

return await AuditCommands.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
