using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TradingRl.Security.Events;
using TradingRl.Security.Sample.Input;
using TradingRl.Security.Sample.Replay;

namespace TradingRl.Security.Sample;

/// <summary>Runs the sample: reads and validates the input, replays it through the security suite, prints and writes the summary.</summary>
public static class SampleRunner
{
    /// <summary>Exit code of a run that completed.</summary>
    public const int Success = 0;

    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 1;

    /// <summary>Exit code of a malformed input file.</summary>
    public const int InputError = 2;

    /// <summary>Exit code of a file-system failure.</summary>
    public const int IoError = 3;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs the sample and returns its exit code; errors go to <paramref name="stderr"/> with the file, line and cause.</summary>
    public static async Task<int> RunAsync(SampleOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var summary = await ExecuteAsync(options, stderr, cancellationToken).ConfigureAwait(false);
            PrintSummary(summary, stdout);
            return Success;
        }
        catch (InputFormatException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}. Nothing was replayed or written.").ConfigureAwait(false);
            return InputError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return IoError;
        }
    }

    /// <summary>Replays the input and returns the summary, which is also written to <c>summary.json</c> in the output directory.</summary>
    /// <exception cref="InputFormatException">A row of the input is malformed; nothing was replayed or written.</exception>
    public static async Task<SampleSummary> ExecuteAsync(SampleOptions options, TextWriter progressWriter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();

        // Read and validate the whole input first, so a malformed row stops the run before anything happens.
        IReadOnlyList<Quote>? quotes = null;
        IReadOnlyList<LobsterMessage>? messages = null;
        if (options.OrdersPath is { } ordersPath)
        {
            messages = LobsterFile.Read(ordersPath);
        }
        else
        {
            quotes = QuoteFile.Read(options.QuotesPath);
        }

        Directory.CreateDirectory(options.DataDirectory);
        Directory.CreateDirectory(options.OutputDirectory);

        var start = messages is not null ? messages[0].Time : quotes![0].Time;
        var clock = new ReplayClock(start);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<EventCountingSubscriber>();
        builder.Services.AddSingleton<TradingDesk>();
        builder.Services.AddTradingSecurity(security =>
            security.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventSubscriber, EventCountingSubscriber>(
                static sp => sp.GetRequiredService<EventCountingSubscriber>())));

        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);

        var desk = host.Services.GetRequiredService<TradingDesk>();
        var interactive = options.Progress && !Console.IsErrorRedirected;
        long rows;
        if (messages is not null)
        {
            rows = messages.Count;
            var replay = new LobsterReplay(desk, options.Accounts);
            var progress = options.Progress ? new ProgressBar(progressWriter, rows, "Replaying NASDAQ order events", interactive) : null;
            for (var i = 0; i < messages.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.AdvanceTo(messages[i].Time);
                replay.OnMessage(messages[i]);
                if ((i & 1023) == 0 || i == messages.Count - 1)
                {
                    progress?.Report(i + 1);
                }
            }
        }
        else
        {
            rows = quotes!.Count;
            var accounts = Enumerable.Range(1, options.Accounts).Select(i => $"agent-{i}").ToArray();
            var agent = new QuoteAgent(desk, accounts, options.Seed);
            var progress = options.Progress ? new ProgressBar(progressWriter, rows, "Replaying USD/JPY quotes", interactive) : null;
            for (var i = 0; i < quotes.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                clock.AdvanceTo(quotes[i].Time);
                agent.OnQuote(quotes[i]);
                progress?.Report(i + 1);
            }
        }

        var pipeline = host.Services.GetRequiredService<SecurityEventPipeline>();
        await pipeline.FlushAsync(cancellationToken).ConfigureAwait(false);
        await host.StopAsync(cancellationToken).ConfigureAwait(false);

        var stats = pipeline.GetStatistics();
        var counts = host.Services.GetRequiredService<EventCountingSubscriber>().ByType;
        var summary = new SampleSummary
        {
            Input = Path.GetFileName(options.OrdersPath ?? options.QuotesPath),
            Rows = rows,
            Accounts = options.Accounts,
            Orders = desk.OrdersSubmitted,
            Cancels = desk.Cancels,
            Fills = desk.Fills,
            OpenOrders = desk.OpenOrders,
            EventsPublished = stats.Published,
            EventsByType = new SortedDictionary<string, long>(counts.ToDictionary(), StringComparer.Ordinal),
            EventsDeadLettered = stats.Subscribers.Sum(s => s.DeadLettered),
            ElapsedSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
        };

        await WriteAtomicallyAsync(Path.Combine(options.OutputDirectory, "summary.json"), JsonSerializer.Serialize(summary, Json), cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static void PrintSummary(SampleSummary s, TextWriter w)
    {
        w.WriteLine();
        w.WriteLine($"TradingRl.Security sample: {s.Input}, {s.Rows:N0} rows, {s.Accounts} agent accounts");
        w.WriteLine($"  orders    {s.Orders,12:N0}");
        w.WriteLine($"  cancels   {s.Cancels,12:N0}");
        w.WriteLine($"  fills     {s.Fills,12:N0}");
        w.WriteLine($"  resting   {s.OpenOrders,12:N0}");
        w.WriteLine($"  events    {s.EventsPublished,12:N0} published, {s.EventsDeadLettered:N0} dead-lettered");
        foreach (var (type, count) in s.EventsByType)
        {
            w.WriteLine($"    {type,-36} {count,12:N0}");
        }

        w.WriteLine($"  elapsed   {s.ElapsedSeconds,12:N3} s");
    }

    /// <summary>Writes a file so that readers see the old content or the new, never a half-written one.</summary>
    internal static async Task WriteAtomicallyAsync(string path, string content, CancellationToken cancellationToken)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
