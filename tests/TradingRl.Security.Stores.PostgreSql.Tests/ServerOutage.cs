using System.Diagnostics;

namespace TradingRl.Security.Tests;

/// <summary>Stops and restarts the test PostgreSQL server through <c>eng/services.sh</c> (found from <c>TRADINGRL_SERVICES</c> and <c>TRADINGRL_SERVICES_DIR</c>).</summary>
internal static class ServerOutage
{
    public static string? Script => Environment.GetEnvironmentVariable("TRADINGRL_SERVICES") is { Length: > 0 } s ? s : null;

    public static string? Directory => Environment.GetEnvironmentVariable("TRADINGRL_SERVICES_DIR") is { Length: > 0 } s ? s : null;

    public static string? SkipReason =>
        TestServers.SkipReason(TestServers.PostgreSql, "TRADINGRL_POSTGRES")
        ?? ((Script is null || Directory is null) && !TestServers.Required
            ? "TRADINGRL_SERVICES / TRADINGRL_SERVICES_DIR are not set: start the servers with eval \"$(eng/services.sh start DIR)\" to run the outage tests."
            : null);

    public static Task StopPostgreSqlAsync() => RunAsync("pg-stop");

    public static Task StartPostgreSqlAsync() => RunAsync("pg-start");

    private static async Task RunAsync(string command)
    {
        var script = Script ?? throw new InvalidOperationException("TRADINGRL_SERVICES is not set: the outage tests need eng/services.sh (eval \"$(eng/services.sh start DIR)\" exports it).");
        var dir = Directory ?? throw new InvalidOperationException("TRADINGRL_SERVICES_DIR is not set: the outage tests need the servers' data directory (eval \"$(eng/services.sh start DIR)\" exports it).");
        var start = new ProcessStartInfo("bash", [script, command, dir]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{script} could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} {command} failed with exit code {process.ExitCode}: {await stderr}");
        }
    }
}

/// <summary>A fact that stops and restarts the PostgreSQL server: skipped locally without the services script, failed in CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgreSqlOutageFactAttribute : FactAttribute
{
    public PostgreSqlOutageFactAttribute() => Skip = ServerOutage.SkipReason;
}

/// <summary>The outage tests stop the shared server, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerOutageGroup
{
    public const string Name = "server outage";
}
