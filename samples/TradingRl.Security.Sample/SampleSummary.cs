namespace TradingRl.Security.Sample;

/// <summary>What a run did, printed at the end and written to <c>summary.json</c> in the output directory.</summary>
public sealed record SampleSummary
{
    /// <summary>Gets the input file.</summary>
    public required string Input { get; init; }

    /// <summary>Gets the number of input rows replayed.</summary>
    public required long Rows { get; init; }

    /// <summary>Gets the number of agent accounts.</summary>
    public required int Accounts { get; init; }

    /// <summary>Gets the orders the agents submitted.</summary>
    public required long Orders { get; init; }

    /// <summary>Gets the cancels of the agents' orders.</summary>
    public required long Cancels { get; init; }

    /// <summary>Gets the fills of the agents' orders.</summary>
    public required long Fills { get; init; }

    /// <summary>Gets the orders still resting at the end.</summary>
    public required long OpenOrders { get; init; }

    /// <summary>Gets the events published.</summary>
    public required long EventsPublished { get; init; }

    /// <summary>Gets the events delivered to the summary's subscriber, by type.</summary>
    public required IReadOnlyDictionary<string, long> EventsByType { get; init; }

    /// <summary>Gets the events no subscriber could take after every attempt.</summary>
    public required long EventsDeadLettered { get; init; }

    /// <summary>Gets the run's wall-clock time in seconds.</summary>
    public required double ElapsedSeconds { get; init; }
}
