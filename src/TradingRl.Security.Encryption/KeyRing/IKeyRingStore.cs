namespace TradingRl.Security.Encryption;

/// <summary>Stores the serialized, sealed key ring; the ring's contents are opaque to the store.</summary>
/// <remarks>Implementations replace the whole document atomically: a reader sees the old or the new ring, never a mix.</remarks>
public interface IKeyRingStore
{
    /// <summary>Gets a human-readable location for messages, e.g. a directory path.</summary>
    string Location { get; }

    /// <summary>Returns whether the store holds nothing of a ring at all (no ring, no leftover of an interrupted write, no master key).</summary>
    /// <returns><see langword="true"/> only for a store that has never held a ring: the one case where a first ring may be created.</returns>
    bool IsEmpty();

    /// <summary>Reads the ring document.</summary>
    /// <returns>The document, or <see langword="null"/> when there is none.</returns>
    /// <exception cref="KeyRingException">The ring could not be read.</exception>
    byte[]? Read();

    /// <summary>Replaces the ring document atomically and durably.</summary>
    /// <param name="document">The new document.</param>
    /// <exception cref="KeyRingException">The ring could not be written; the previous document is unchanged.</exception>
    void Write(ReadOnlySpan<byte> document);
}
