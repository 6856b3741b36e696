namespace TradingRl.Security.Encryption;

/// <summary>A key-ring store in memory, for tests and hosts that supply the ring another way.</summary>
/// <remarks>Thread-safe. Nothing survives the process.</remarks>
public sealed class InMemoryKeyRingStore : IKeyRingStore
{
    private readonly Lock _gate = new();
    private byte[]? _document;

    /// <inheritdoc/>
    public string Location => "memory";

    /// <inheritdoc/>
    public bool IsEmpty()
    {
        lock (_gate)
        {
            return _document is null;
        }
    }

    /// <inheritdoc/>
    public byte[]? Read()
    {
        lock (_gate)
        {
            return _document?.ToArray();
        }
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<byte> document)
    {
        var copy = document.ToArray();
        lock (_gate)
        {
            _document = copy;
        }
    }

    /// <inheritdoc/>
    public bool TryReplace(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> document)
    {
        var copy = document.ToArray();
        lock (_gate)
        {
            if (_document is null ? !expected.IsEmpty : !expected.SequenceEqual(_document))
            {
                return false;
            }

            _document = copy;
            return true;
        }
    }
}
