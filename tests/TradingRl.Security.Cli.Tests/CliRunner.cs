namespace TradingRl.Security.Cli.Tests;

/// <summary>Runs <c>trsec</c> in-process with a given standard input, and owns a temporary directory.</summary>
public abstract class CliRunner : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("trsec-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    protected static async Task<(int Code, string Output, string Error)> Run(string? stdin, params string[] args)
    {
        using var input = new StringReader(stdin ?? string.Empty);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CommandLine.RunAsync(args, input, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
