namespace TradingRl.Security.Sample;

/// <summary>A one-line progress bar on standard error; on a redirected stream it prints a line at each quarter instead.</summary>
public sealed class ProgressBar(TextWriter writer, long total, string label, bool interactive)
{
    private const int Width = 40;
    private int _lastDrawn = -1;

    /// <summary>Reports how many items are done.</summary>
    public void Report(long done)
    {
        if (total <= 0)
        {
            return;
        }

        var percent = (int)(done * 100 / total);
        var step = interactive ? percent : percent / 25 * 25;
        if (step == _lastDrawn)
        {
            return;
        }

        _lastDrawn = step;
        if (interactive)
        {
            var filled = (int)(done * Width / total);
            writer.Write($"\r{label} [{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}% {done:N0}/{total:N0}");
            if (done >= total)
            {
                writer.WriteLine();
            }
        }
        else
        {
            writer.WriteLine($"{label}: {step}% ({done:N0}/{total:N0})");
        }
    }
}
