namespace TradingRl.Security.Cli;

/// <summary>The process exit codes of <c>trsec</c>, stable for scripts.</summary>
internal static class ExitCodes
{
    /// <summary>Success: the log verified, or the proof or checkpoint was produced.</summary>
    public const int Ok = 0;

    /// <summary>Verification failed: the audit log was altered, cut, re-signed or forged (the message names the first bad record), a trade report is invalid, or a password does not match.</summary>
    public const int Tampered = 1;

    /// <summary>Bad command line.</summary>
    public const int Usage = 2;

    /// <summary>No audit log in the directory, or it cannot be read (I/O).</summary>
    public const int NotFound = 3;

    /// <summary>The signing or verifier key is missing, malformed or unsafely stored.</summary>
    public const int KeyProblem = 4;

    /// <summary>The log is open for writing by another process (a running host); retry later or use <c>--latest</c>.</summary>
    public const int InUse = 5;

    /// <summary>The log verified, but records follow the last signed commit (a crash remnant or an unsigned forgery).</summary>
    public const int UncommittedTail = 6;

    /// <summary>The scorecard was computed and at least one metric fails its target.</summary>
    public const int MetricsFailed = 7;
}
