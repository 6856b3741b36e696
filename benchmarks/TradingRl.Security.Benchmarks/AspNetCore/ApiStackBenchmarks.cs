using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;

namespace TradingRl.Security.Benchmarks.AspNetCore;

/// <summary>One batch of 32 concurrent GETs over loopback HTTP/1.1: the bare endpoint (baseline) beside the same endpoint behind the whole stack.</summary>
[MemoryDiagnoser]
public class ApiStackBenchmarks
{
    private const int Concurrency = 32;

    private ApiLoadHost _host = null!;
    private HttpClient _client = null!;
    private Uri _bare = null!;
    private Uri _secured = null!;
    private AuthenticationHeaderValue _bearer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = ApiLoadHost.StartAsync().GetAwaiter().GetResult();
        _client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency });
        _bare = _host.BareUrl;
        _secured = _host.SecuredUrl;
        _bearer = new AuthenticationHeaderValue("Bearer", _host.Token);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _host.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Concurrency)]
    public Task WithoutStack() => Batch(_bare, null);

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task WithFullStack() => Batch(_secured, _bearer);

    private async Task Batch(Uri url, AuthenticationHeaderValue? bearer)
    {
        var tasks = new Task[Concurrency];
        for (var i = 0; i < tasks.Length; i++)
        {
            tasks[i] = One(url, bearer);
        }

        await Task.WhenAll(tasks);
    }

    private async Task One(Uri url, AuthenticationHeaderValue? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = bearer;
        using var response = await _client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
        }

        await response.Content.ReadAsByteArrayAsync();
    }
}
