using Microsoft.Extensions.Hosting;

namespace TradingRl.Security.Events;

/// <summary>Drains the pipeline once every other hosted service has stopped, so events they publish while stopping are kept.</summary>
internal sealed class SecurityEventPipelineHostedService(SecurityEventPipeline pipeline) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => pipeline.StopAsync(cancellationToken);
}
