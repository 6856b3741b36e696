namespace TradingRl.Security.Encryption;

/// <summary>Counts the classified fields one read decrypts, on the reading thread (deserialization is synchronous).</summary>
internal sealed class DecryptionTally
{
    [ThreadStatic]
    private static DecryptionTally? _current;

    public static DecryptionTally? Current { get => _current; set => _current = value; }

    public int Fields { get; private set; }

    public ClassificationLevel Highest { get; private set; }

    public void Add(ClassificationLevel level)
    {
        Fields++;
        if (level > Highest)
        {
            Highest = level;
        }
    }
}
