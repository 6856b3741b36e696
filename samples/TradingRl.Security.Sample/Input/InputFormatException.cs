namespace TradingRl.Security.Sample.Input;

/// <summary>A row of an input file is malformed; the message names the file, the line and what was wrong.</summary>
public sealed class InputFormatException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public InputFormatException(string path, long line, string problem)
        : base($"{path}:{line}: {problem}")
    {
        Path = path;
        Line = line;
        Problem = problem;
    }

    /// <summary>Initializes the exception.</summary>
    public InputFormatException()
        : this("(unknown)", 0, "malformed input")
    {
    }

    /// <summary>Initializes the exception.</summary>
    public InputFormatException(string message)
        : this("(unknown)", 0, message)
    {
    }

    /// <summary>Initializes the exception.</summary>
    public InputFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "(unknown)";
        Problem = message;
    }

    /// <summary>Gets the file.</summary>
    public string Path { get; }

    /// <summary>Gets the 1-based line number.</summary>
    public long Line { get; }

    /// <summary>Gets what was wrong.</summary>
    public string Problem { get; } = string.Empty;
}
