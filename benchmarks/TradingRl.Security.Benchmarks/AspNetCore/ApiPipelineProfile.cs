using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace TradingRl.Security.Benchmarks.AspNetCore;

/// <summary>The bare and the secured pipeline of <see cref="ApiLoadHost"/> driven in process, without sockets, one request at a time.</summary>
/// <remarks>
/// A profiling aid for a shared, noisy machine: the time and bytes a request costs in the ASP.NET Core pipeline alone
/// (hosting, routing, the security stack, the endpoint), the best of several batches, so other processes on the machine
/// disturb it far less than a load generator's throughput. Response headers go to ASP.NET Core's
/// <see cref="HeaderDictionary"/>, not Kestrel's, and the response-start callbacks are fired after the request.
/// Run with <c>--api-pipeline-profile</c>.
/// </remarks>
public static class ApiPipelineProfile
{
    /// <summary>Runs alternating batches and prints the best of each side.</summary>
    /// <param name="only">"bare" or "secured" to drive one side only (for an allocation or CPU profile of it); null for both.</param>
    /// <param name="batches">The batches per side.</param>
    /// <param name="perBatch">The requests per batch.</param>
    public static async Task RunAsync(string? only = null, int batches = 15, int perBatch = 20_000)
    {
        var bare = await CaptureAsync(secured: false);
        var secured = await CaptureAsync(secured: true);
        var token = await ApiLoadHost.IssueTokenAsync(secured.App.Services);
        var bearer = new StringValues("Bearer " + token);
        using var sampler = Environment.GetEnvironmentVariable("TRADINGRL_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        var bareBest = (Ns: double.MaxValue, Bytes: 0.0);
        var securedBest = (Ns: double.MaxValue, Bytes: 0.0);
        for (var b = 0; b < batches; b++)
        {
            var x = only == "secured" ? (0, 0) : await BatchAsync(bare.Server, "/bare/orders", StringValues.Empty, perBatch);
            var y = only == "bare" ? (0, 0) : await BatchAsync(secured.Server, "/v1/orders", bearer, perBatch);
            bareBest = x.Ns < bareBest.Ns ? x : bareBest;
            securedBest = y.Ns < securedBest.Ns ? y : securedBest;
            Console.WriteLine($"batch {b,2}: bare {x.Ns,7:F0} ns {x.Bytes,6:F0} B | secured {y.Ns,7:F0} ns {y.Bytes,6:F0} B");
        }

        sampler?.Print();
        Console.WriteLine($"best: bare {bareBest.Ns:F0} ns {bareBest.Bytes:F0} B; secured {securedBest.Ns:F0} ns {securedBest.Bytes:F0} B; stack +{securedBest.Ns - bareBest.Ns:F0} ns +{securedBest.Bytes - bareBest.Bytes:F0} B");
        await bare.App.StopAsync();
        await secured.App.StopAsync();
    }

    private static async Task<(double Ns, double Bytes)> BatchAsync(CapturingServer server, string path, StringValues authorization, int count)
    {
        // Every request completes synchronously, so the loop stays on this thread and its CPU time is the requests'
        // (with the collections they cause): time the machine's other processes take is not counted.
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var started = ThreadCpuNanoseconds();
        var thread = Environment.CurrentManagedThreadId;
        for (var i = 0; i < count; i++)
        {
            var status = await server.SendAsync(path, authorization);
            if (status != 200)
            {
                throw new InvalidOperationException($"{path} answered {status}.");
            }
        }

        if (thread != Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException("A request completed asynchronously; the thread's CPU time no longer covers the batch.");
        }

        var elapsed = ThreadCpuNanoseconds() - started;
        return (elapsed / (double)count, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)count);
    }

    private static long ThreadCpuNanoseconds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return Stopwatch.GetElapsedTime(0).Ticks * 100;
        }

        const int ClockThreadCpuTimeId = 3;
        return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? (t.Seconds * 1_000_000_000) + t.Nanoseconds : throw new InvalidOperationException("clock_gettime failed.");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static async Task<(WebApplication App, CapturingServer Server)> CaptureAsync(bool secured)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var server = new CapturingServer();
        builder.Services.AddSingleton<IServer>(server);
        builder.Logging.ClearProviders();
        if (secured)
        {
            ApiLoadHost.AddSecurity(builder);
        }

        var app = builder.Build();
        if (secured)
        {
            ApiLoadHost.MapSecured(app);
        }
        else
        {
            ApiLoadHost.MapBare(app);
        }

        await app.StartAsync();
        return (app, server);
    }

    /// <summary>Samples the runtime's allocation ticks (one per about 100 KB allocated) by type: <c>TRADINGRL_BENCH_ALLOCATIONS=1</c>.</summary>
    /// <remarks>Run with <c>secured</c> or <c>bare</c> as the side, so the samples are that side's; a type's share of the ticks is its share of the bytes.</remarks>
    private sealed class AllocationSampler : EventListener
    {
        private readonly ConcurrentDictionary<string, int> _ticks = new(StringComparer.Ordinal);

        public void Print()
        {
            var total = Math.Max(1, _ticks.Values.Sum());
            Console.WriteLine($"allocation ticks: {total}");
            foreach (var (type, n) in _ticks.OrderByDescending(p => p.Value).Take(25))
            {
                Console.WriteLine($"  {100.0 * n / total,5:F1} %  {type}");
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is { } name && name.StartsWith("GCAllocationTick", StringComparison.Ordinal) && e.PayloadNames is { } names)
            {
                var i = names.IndexOf("TypeName");
                if (i >= 0 && e.Payload?[i] is string type)
                {
                    _ticks.AddOrUpdate(type, 1, static (_, n) => n + 1);
                }
            }
        }
    }

    /// <summary>An <see cref="IServer"/> that keeps the application the host starts, for requests sent in process.</summary>
    private sealed class CapturingServer : IServer
    {
        private Func<IFeatureCollection, Task<int>>? _send;

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            _send = async features =>
            {
                var context = application.CreateContext(features);
                Exception? error = null;
                try
                {
                    await application.ProcessRequestAsync(context);
                    await ((ResponseFeature)features.Get<IHttpResponseFeature>()!).FireOnStartingAsync();
                }
                catch (Exception ex)
                {
                    error = ex;
                    throw;
                }
                finally
                {
                    application.DisposeContext(context, error);
                }

                return features.Get<IHttpResponseFeature>()!.StatusCode;
            };
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }

        public Task<int> SendAsync(string path, StringValues authorization)
        {
            var request = new HttpRequestFeature { Method = "GET", Path = path, Protocol = "HTTP/1.1", Scheme = "http" };
            request.Headers.Host = "127.0.0.1";
            request.Headers.UserAgent = "wrk";
            if (!StringValues.IsNullOrEmpty(authorization))
            {
                request.Headers.Authorization = authorization;
            }

            var features = new FeatureCollection();
            features.Set<IHttpRequestFeature>(request);
            features.Set<IHttpResponseFeature>(new ResponseFeature());
            features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
            features.Set<IHttpConnectionFeature>(new HttpConnectionFeature { RemoteIpAddress = IPAddress.Loopback, RemotePort = 40000, LocalIpAddress = IPAddress.Loopback, LocalPort = 5102 });
            features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature());
            return _send!(features);
        }
    }

    private sealed class ResponseFeature : HttpResponseFeature
    {
        private List<(Func<object, Task> Callback, object State)>? _starting;

        public override void OnStarting(Func<object, Task> callback, object state) => (_starting ??= []).Add((callback, state));

        public async Task FireOnStartingAsync()
        {
            if (_starting is null)
            {
                return;
            }

            for (var i = _starting.Count - 1; i >= 0; i--)
            {
                await _starting[i].Callback(_starting[i].State);
            }
        }
    }
}
