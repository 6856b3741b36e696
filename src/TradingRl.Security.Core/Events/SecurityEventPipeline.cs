using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TradingRl.Security.Diagnostics;

namespace TradingRl.Security.Events;

/// <summary>The lossless, bounded delivery pipeline between event publishers and subscribers.</summary>
/// <remarks>
/// <para>Publishers write into one bounded queue; a dispatcher copies each event, in order, into one bounded queue per
/// subscriber; each subscriber has its own delivery loop. A subscriber that throws is retried with a growing delay, then
/// its batch is dead-lettered: counted, and logged with the event ids. A subscriber that stalls only holds up the others
/// once its own queue is full; then publishers wait (back-pressure) rather than any event being lost.</para>
/// <para>Stopping completes the queue and drains every event already accepted. Thread-safe.</para>
/// </remarks>
public sealed partial class SecurityEventPipeline : ISecurityEventPublisher, IAsyncDisposable, IDisposable
{
    private static readonly string[] SeverityTags = ["info", "low", "medium", "high", "critical"];
    private static readonly TimeSpan DisposeDrainTimeout = TimeSpan.FromSeconds(30);

    private readonly SecurityEventPipelineOptions _options;
    private readonly ILogger _logger;
    private readonly Channel<Item> _input;
    private readonly Runner[] _runners;
    private readonly Task _completion;
    private readonly CancellationTokenSource _abort = new();
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _published;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _publishTimeouts;
    private long _publishedCount;
    private long _publishTimeoutCount;
    private readonly QueueSignal _inputSpace = new();
    private readonly QueueSignal _inputData = new();
    private int _closed;

    /// <summary>Initializes and starts the pipeline.</summary>
    /// <param name="subscribers">The subscribers; each gets every event.</param>
    /// <param name="options">The pipeline settings.</param>
    /// <param name="logger">The logger; none when omitted.</param>
    /// <param name="meterFactory">Makes the <c>TradingRl.Security</c> meter; a private meter when omitted.</param>
    /// <exception cref="OptionsValidationException">The options are out of range.</exception>
    public SecurityEventPipeline(
        IEnumerable<ISecurityEventSubscriber> subscribers,
        IOptions<SecurityEventPipelineOptions> options,
        ILogger<SecurityEventPipeline>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(subscribers);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        var validation = new SecurityEventPipelineOptionsValidator().Validate(null, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(nameof(SecurityEventPipelineOptions), typeof(SecurityEventPipelineOptions), validation.Failures);
        }

        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(TradingSecurityTelemetry.Name) ?? new Meter(TradingSecurityTelemetry.Name);
        _published = _meter.CreateCounter<long>(TradingSecurityTelemetry.EventsPublished, "{event}", "Events accepted by the security-event pipeline.");
        _delivered = _meter.CreateCounter<long>(TradingSecurityTelemetry.EventsDelivered, "{event}", "Events handled by a subscriber.");
        _failures = _meter.CreateCounter<long>(TradingSecurityTelemetry.EventsDeliveryFailures, "{attempt}", "Delivery attempts that threw or timed out.");
        _deadLettered = _meter.CreateCounter<long>(TradingSecurityTelemetry.EventsDeadLettered, "{event}", "Events a subscriber failed on after every attempt.");
        _publishTimeouts = _meter.CreateCounter<long>(TradingSecurityTelemetry.EventsPublishTimeouts, "{event}", "Synchronous publishes refused because the queue stayed full.");
        _meter.CreateObservableGauge(TradingSecurityTelemetry.EventsQueueDepth, () => (long)_input!.Reader.Count, "{event}", "Events waiting for dispatch.");
        _meter.CreateObservableGauge(TradingSecurityTelemetry.EventsSubscriberBacklog, ObserveBacklogs, "{event}", "Events waiting for one subscriber.");

        _input = Channel.CreateBounded<Item>(new BoundedChannelOptions(_options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });

        var list = subscribers.ToArray();
        _runners = new Runner[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            var s = list[i] ?? throw new ArgumentException("A subscriber is null.", nameof(subscribers));
            _runners[i] = new Runner(s, _options.SubscriberCapacity);
        }

        if (_runners.Length == 0)
        {
            Log.NoSubscribers(_logger);
        }

        // The dispatcher and each subscriber run on dedicated threads, so delivery goes on even when blocked
        // synchronous publishers hold every thread-pool thread.
        var tasks = new Task[_runners.Length + 1];
        tasks[0] = StartThread("TradingRl.Security event dispatcher", Dispatch);
        for (var i = 0; i < _runners.Length; i++)
        {
            var runner = _runners[i];
            tasks[i + 1] = StartThread("TradingRl.Security subscriber " + runner.Subscriber.Name, () => Run(runner));
        }

        _completion = Task.WhenAll(tasks);
    }

    /// <summary>Gets a task that completes once the pipeline has stopped and every accepted event was delivered or dead-lettered.</summary>
    public Task Completion => _completion;

    /// <inheritdoc/>
    public void Publish(SecurityEvent securityEvent)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        if (_input.Writer.TryWrite(new Item(securityEvent, null)))
        {
            _inputData.Wake(all: false);
            OnAccepted(securityEvent);
            return;
        }

        PublishBlocking(securityEvent);
    }

    /// <inheritdoc/>
    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(securityEvent);
        if (_input.Writer.TryWrite(new Item(securityEvent, null)))
        {
            _inputData.Wake(all: false);
            OnAccepted(securityEvent);
            return ValueTask.CompletedTask;
        }

        return PublishSlowAsync(securityEvent, cancellationToken);
    }

    /// <summary>Waits until every event accepted before this call has been delivered to (or dead-lettered by) every subscriber.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>A task that completes when the events are through.</returns>
    /// <exception cref="SecurityEventPipelineClosedException">The pipeline has shut down (it is already drained, or draining).</exception>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var barrier = new FlushBarrier(_runners.Length);
        try
        {
            await _input.Writer.WriteAsync(new Item(null, barrier), cancellationToken).ConfigureAwait(false);
            _inputData.Wake(all: false);
        }
        catch (ChannelClosedException ex)
        {
            throw new SecurityEventPipelineClosedException("The security-event pipeline has shut down; await Completion to wait for its drain.", ex);
        }

        await barrier.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops accepting events and drains every accepted event to the subscribers.</summary>
    /// <param name="cancellationToken">When signalled before the drain ends, pending deliveries are cancelled and the events left are dead-lettered (counted and logged).</param>
    /// <returns>A task that completes when the pipeline is drained.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _input.Writer.TryComplete();
            _inputSpace.Wake(all: true);
            _inputData.Wake(all: true);
        }

        try
        {
            await _completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var left = _input.Reader.Count + _runners.Sum(r => (long)r.Queue.Reader.Count);
            Log.DrainCut(_logger, left);
            await _abort.CancelAsync().ConfigureAwait(false);
            await _completion.ConfigureAwait(false);
        }
    }

    /// <summary>Returns a snapshot of the counters.</summary>
    /// <returns>The statistics.</returns>
    public SecurityEventPipelineStatistics GetStatistics() => new(
        Interlocked.Read(ref _publishedCount),
        _input.Reader.Count,
        Interlocked.Read(ref _publishTimeoutCount),
        [.. _runners.Select(r => new SecurityEventSubscriberStatistics(
            r.Subscriber.Name,
            Interlocked.Read(ref r.Delivered),
            Interlocked.Read(ref r.Failures),
            Interlocked.Read(ref r.DeadLettered),
            r.Queue.Reader.Count))]);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(DisposeDrainTimeout))
        {
            await StopAsync(cts.Token).ConfigureAwait(false);
        }

        DisposeResources();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _input.Writer.TryComplete();
            _inputSpace.Wake(all: true);
            _inputData.Wake(all: true);
        }

        if (!_completion.Wait(DisposeDrainTimeout))
        {
            _abort.Cancel();
            _completion.Wait(DisposeDrainTimeout);
        }

        DisposeResources();
    }

    private void DisposeResources()
    {
        _abort.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private void OnAccepted(SecurityEvent e)
    {
        Interlocked.Increment(ref _publishedCount);
        if (_published.Enabled)
        {
            _published.Add(1, new KeyValuePair<string, object?>("severity", SeverityTags[(int)e.Severity]));
        }
    }

    private void PublishBlocking(SecurityEvent e)
    {
        // Blocked synchronous publishers wait on a monitor that the dispatcher pulses for every slot it frees. The
        // channel's own blocked-writer wake-up is queued to the thread pool, which blocked publishers (pool threads
        // themselves) can exhaust; the monitor wakes them without the pool, and serves them roughly in arrival order.
        var item = new Item(e, null);
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.PublishTimeout.TotalSeconds * Stopwatch.Frequency);
        _inputSpace.Enter();
        try
        {
            while (!_input.Writer.TryWrite(item))
            {
                if (Volatile.Read(ref _closed) != 0)
                {
                    throw new SecurityEventPipelineClosedException(
                        $"The security-event pipeline has shut down; the event {e.Type} {e.Id} was not accepted.");
                }

                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero)
                {
                    Interlocked.Increment(ref _publishTimeoutCount);
                    _publishTimeouts.Add(1);
                    Log.PublishTimedOut(_logger, e.Type, e.Id, _options.PublishTimeout);
                    throw new SecurityEventPublishTimeoutException(
                        $"The security-event queue stayed full for {_options.PublishTimeout}; the event {e.Type} {e.Id} was not accepted. " +
                        $"A subscriber is stalled or too slow: see the metric {TradingSecurityTelemetry.EventsSubscriberBacklog}.");
                }

                _inputSpace.Wait(remaining);
            }
        }
        finally
        {
            _inputSpace.Exit();
        }

        _inputData.Wake(all: false);
        OnAccepted(e);
    }

    private async ValueTask PublishSlowAsync(SecurityEvent e, CancellationToken cancellationToken)
    {
        try
        {
            await _input.Writer.WriteAsync(new Item(e, null), cancellationToken).ConfigureAwait(false);
            _inputData.Wake(all: false);
        }
        catch (ChannelClosedException ex)
        {
            throw new SecurityEventPipelineClosedException(
                $"The security-event pipeline has shut down; the event {e.Type} {e.Id} was not accepted.", ex);
        }

        OnAccepted(e);

        // The write may have completed inline on the dispatcher thread; hand the caller's continuation to the pool.
        await Task.Yield();
    }

    private static Task StartThread(string name, Action body)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                body();
                done.TrySetResult();
            }
#pragma warning disable CA1031 // The failure is surfaced through the completion task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    // Under load the queue empties and refills within microseconds: spin briefly (without yielding), then doze in 1 ms sleeps for a while
    // before parking the thread. Writers only pulse a parked thread (QueueSignal.Wake is free when nobody waits), so a
    // steady stream of events, such as one per API request, is drained in batches every millisecond and its publishers
    // never pay for a wake-up, which on a small machine costs far more than the publish itself. After an idle spell of
    // about DozeSleeps ms the thread parks on a monitor its writers pulse, not on the channel: a channel wake-up may be
    // queued to the thread pool, which blocked publishers can exhaust. A flush therefore waits at most about 1 ms per hop.
    private static bool WaitForData(ChannelReader<Item> reader, QueueSignal data)
    {
        // Busy spins only: a yield here is a system call and a context switch per event when events arrive some
        // microseconds apart, and on two cores it takes the time the publishing threads need.
        var spinner = default(SpinWait);
        while (!spinner.NextSpinWillYield)
        {
            if (reader.TryPeek(out _))
            {
                return true;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        for (var i = 0; i < DozeSleeps; i++)
        {
            Thread.Sleep(1);
            if (reader.TryPeek(out _))
            {
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }
        }

        data.Enter();
        try
        {
            while (!reader.TryPeek(out _))
            {
                if (reader.Completion.IsCompleted)
                {
                    return false;
                }

                data.Wait(Timeout.InfiniteTimeSpan);
            }

            return true;
        }
        finally
        {
            data.Exit();
        }
    }

    // How many 1 ms sleeps an idle queue's thread takes before it parks and asks its writers to pulse it.
    private const int DozeSleeps = 20;

    private static void Wait(ValueTask pending)
    {
        if (pending.IsCompleted)
        {
            pending.GetAwaiter().GetResult();
        }
        else
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    // The subscriber's queue is full: wait, without the thread pool, until the subscriber's thread takes a batch.
    private static void WriteBlocking(Runner runner, Item item)
    {
        runner.Space.Enter();
        try
        {
            while (!runner.Queue.Writer.TryWrite(item))
            {
                runner.Space.Wait(Timeout.InfiniteTimeSpan);
            }
        }
        finally
        {
            runner.Space.Exit();
        }

        runner.Data.Wake(all: false);
    }

    private void Dispatch()
    {
        var reader = _input.Reader;
        try
        {
            while (WaitForData(reader, _inputData))
            {
                while (reader.TryRead(out var item))
                {
                    _inputSpace.Wake(all: false);
                    if (item.Barrier is not null && _runners.Length == 0)
                    {
                        item.Barrier.Signal();
                        continue;
                    }

                    foreach (var runner in _runners)
                    {
                        if (runner.Queue.Writer.TryWrite(item))
                        {
                            runner.Data.Wake(all: false);
                        }
                        else
                        {
                            Log.SubscriberFull(_logger, runner.Subscriber.Name, _options.SubscriberCapacity);
                            WriteBlocking(runner, item);
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var runner in _runners)
            {
                runner.Queue.Writer.TryComplete();
                runner.Data.Wake(all: true);
            }
        }
    }

    private void Run(Runner runner)
    {
        var buffer = new SecurityEvent[_options.MaxBatchSize];
        var reader = runner.Queue.Reader;
        while (WaitForData(reader, runner.Data))
        {
            var count = 0;
            FlushBarrier? barrier = null;
            while (count < buffer.Length && reader.TryRead(out var item))
            {
                if (item.Barrier is not null)
                {
                    barrier = item.Barrier;
                    break;
                }

                buffer[count++] = item.Event!;
            }

            runner.Space.Wake(all: false);

            if (count > 0)
            {
                Deliver(runner, buffer, count);
                Array.Clear(buffer, 0, count);
            }

            barrier?.Signal();
        }
    }

    private void Deliver(Runner runner, SecurityEvent[] buffer, int count)
    {
        var batch = new ReadOnlyMemory<SecurityEvent>(buffer, 0, count);
        var tag = new KeyValuePair<string, object?>("subscriber", runner.Subscriber.Name);
        for (var attempt = 1; ; attempt++)
        {
            Exception failure;
            using (var cts = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token))
            {
                cts.CancelAfter(_options.DeliveryTimeout);
                try
                {
                    Wait(runner.Subscriber.HandleAsync(batch, cts.Token));
                    Interlocked.Add(ref runner.Delivered, count);
                    _delivered.Add(count, tag);
                    return;
                }
#pragma warning disable CA1031 // A subscriber's failure must never stop delivery to the others.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                }
            }

            Interlocked.Increment(ref runner.Failures);
            _failures.Add(1, tag);
            Log.DeliveryFailed(_logger, runner.Subscriber.Name, attempt, _options.MaxDeliveryAttempts, count, failure);
            if (attempt >= _options.MaxDeliveryAttempts || _abort.IsCancellationRequested)
            {
                Interlocked.Add(ref runner.DeadLettered, count);
                _deadLettered.Add(count, tag);
                Log.DeadLettered(_logger, runner.Subscriber.Name, count, buffer[0].Id, buffer[count - 1].Id);
                return;
            }

            try
            {
                var delay = _options.RetryDelay * Math.Pow(2, attempt - 1);
                _abort.Token.WaitHandle.WaitOne(delay);
            }
            catch (ObjectDisposedException)
            {
                // Shutdown was cut short: the next attempt sees the abort and dead-letters the batch.
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveBacklogs()
    {
        foreach (var r in _runners)
        {
            yield return new Measurement<long>(r.Queue.Reader.Count, new KeyValuePair<string, object?>("subscriber", r.Subscriber.Name));
        }
    }

    private readonly record struct Item(SecurityEvent? Event, FlushBarrier? Barrier);

    private sealed class FlushBarrier
    {
        private readonly TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _remaining;

        public FlushBarrier(int participants)
        {
            _remaining = participants;
            if (participants == 0)
            {
                _tcs.SetResult();
            }
        }

        public Task Task => _tcs.Task;

        public void Signal()
        {
            if (Interlocked.Decrement(ref _remaining) <= 0)
            {
                _tcs.TrySetResult();
            }
        }
    }

    private sealed class Runner(ISecurityEventSubscriber subscriber, int capacity)
    {
        public long Delivered;
        public long Failures;
        public long DeadLettered;

        public ISecurityEventSubscriber Subscriber { get; } = subscriber;

        public QueueSignal Space { get; } = new();

        public QueueSignal Data { get; } = new();

        public Channel<Item> Queue { get; } = Channel.CreateBounded<Item>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
    }

    /// <summary>
    /// Parks a thread until a queue has space (writers) or data (the reader), on a monitor that the other side pulses.
    /// Unlike a channel's wake-up, the pulse needs no thread-pool thread. Waits are capped at 50 ms, so a pulse that
    /// falls between a failed attempt and the wait costs at most that.
    /// </summary>
    private sealed class QueueSignal
    {
        private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(50);
        private readonly object _gate = new();
        private int _waiters;

        public void Enter()
        {
            Monitor.Enter(_gate);
            Interlocked.Increment(ref _waiters);
        }

        public void Exit()
        {
            Interlocked.Decrement(ref _waiters);
            Monitor.Exit(_gate);
        }

        public void Wait(TimeSpan remaining) =>
            Monitor.Wait(_gate, remaining == Timeout.InfiniteTimeSpan || remaining > MaxWait ? MaxWait : remaining);

        public void Wake(bool all)
        {
            if (Volatile.Read(ref _waiters) == 0)
            {
                return;
            }

            lock (_gate)
            {
                if (all)
                {
                    Monitor.PulseAll(_gate);
                }
                else
                {
                    Monitor.Pulse(_gate);
                }
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "No security-event subscriber is registered: events are counted but recorded nowhere. Compose a package that records them (e.g. the audit trail).")]
        public static partial void NoSubscribers(ILogger logger);

        [LoggerMessage(2, LogLevel.Warning, "Subscriber {Subscriber} failed on attempt {Attempt} of {MaxAttempts} for a batch of {Count} events.")]
        public static partial void DeliveryFailed(ILogger logger, string subscriber, int attempt, int maxAttempts, int count, Exception exception);

        [LoggerMessage(3, LogLevel.Error, "Subscriber {Subscriber} dead-lettered {Count} events after every attempt failed; event ids {FirstId} to {LastId}.")]
        public static partial void DeadLettered(ILogger logger, string subscriber, int count, Guid firstId, Guid lastId);

        [LoggerMessage(4, LogLevel.Warning, "Subscriber {Subscriber} has {Capacity} events waiting; publishers now wait for it (back-pressure).")]
        public static partial void SubscriberFull(ILogger logger, string subscriber, int capacity);

        [LoggerMessage(5, LogLevel.Error, "A synchronous publish of {Type} {Id} was refused: the queue stayed full for {Timeout}.")]
        public static partial void PublishTimedOut(ILogger logger, string type, Guid id, TimeSpan timeout);

        [LoggerMessage(6, LogLevel.Error, "The security-event pipeline's drain was cut short with {Left} events still queued; they are being dead-lettered.")]
        public static partial void DrainCut(ILogger logger, long left);
    }
}
