namespace TradingRl.Security.Encryption;

/// <summary>Stores the serialized, sealed key ring; the ring's contents are opaque to the store.</summary>
/// <remarks>
/// Implementations replace the whole document atomically: a reader sees the old or the new ring, never a mix.
/// <see cref="KeyRing"/> changes the ring only through <see cref="TryReplace"/>, a compare-and-swap, so hosts sharing one store
/// (a fleet store such as PostgreSQL) decide each rotation, revocation and usage reservation once: the loser reloads the ring.
/// </remarks>
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

    /// <summary>Replaces the ring document atomically and durably, whatever is stored (restores and tools; <see cref="KeyRing"/> uses <see cref="TryReplace"/>).</summary>
    /// <param name="document">The new document.</param>
    /// <exception cref="KeyRingException">The ring could not be written; the previous document is unchanged.</exception>
    void Write(ReadOnlySpan<byte> document);

    /// <summary>Replaces the ring document atomically and durably if, and only if, the stored document is still <paramref name="expected"/>.</summary>
    /// <param name="expected">The document the caller last read or wrote; empty when it saw no ring (the first ring).</param>
    /// <param name="document">The new document.</param>
    /// <returns><see langword="true"/> when written; <see langword="false"/> when another writer changed the ring first (nothing was written).</returns>
    /// <exception cref="KeyRingException">The ring could not be read or written; the previous document is unchanged.</exception>
    /// <remarks>Of concurrent callers with the same <paramref name="expected"/>, at most one gets <see langword="true"/>.</remarks>
    bool TryReplace(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> document);
}
