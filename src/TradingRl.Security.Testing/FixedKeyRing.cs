using Microsoft.Extensions.Options;
using TradingRl.Security.Encryption;

namespace TradingRl.Security.Testing;

/// <summary>An Encryption key ring with one fixed data key under a fixed, public master key, for tests and golden files.</summary>
/// <remarks>
/// Every ring it creates holds the same data key (<see cref="KeyId"/>), so data encrypted in one test, process or run
/// decrypts in another. The keys are in this source file: never use it in production. The ring lives in memory
/// (<see cref="InMemoryKeyRingStore"/>); rotation and revocation change only that instance.
/// </remarks>
public static class FixedKeyRing
{
    /// <summary>The id of the fixed data key, the ring's current key until it is rotated.</summary>
    public static readonly Guid KeyId = new("00dc6acf-ac00-7b90-824e-cf86f88201d2");

    /// <summary>When the fixed data key was created: 2000-01-01 UTC, the start of <c>FakeTimeProvider</c>'s clock.</summary>
    public static readonly DateTimeOffset KeyCreatedAt = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // The public test master key (32 bytes) and the ring document it seals, made once with the Encryption package.
    private const string MasterKeyHex = "54524c2d746573742d6f6e6c792d6d61737465722d6b65792d2d2d2d2d2d2d21";
    private const string Document = """
        {
          "format": 1,
          "kekId": "local:e6c348e033e095617eb05c54ac5530a5",
          "currentKeyId": "00dc6acf-ac00-7b90-824e-cf86f88201d2",
          "keys": [
            {
              "id": "00dc6acf-ac00-7b90-824e-cf86f88201d2",
              "createdAt": "2000-01-01T00:00:00+00:00",
              "status": "Active",
              "revokedAt": null,
              "messagesReserved": 0,
              "wrappedKey": "AQHmw0jgM\u002BCVYX6wXFSsVTCl4NQNQjFFZRP0kV1Qz7sH5\u002B5uVuyoinNjK55igLLuTymAI5LINyTa/gtjxAQXtrnrgYKnXgxFJK5Skf4a"
            }
          ],
          "seal": "AQHmw0jgM\u002BCVYX6wXFSsVTClo8wTiArkf48dc6YH6iIVjVb7iXFc5QqDU7YwyQ=="
        }
        """;

    /// <summary>Creates an in-memory key-ring store holding the fixed ring; register it as <see cref="IKeyRingStore"/> before <c>AddEncryption</c>.</summary>
    /// <returns>A new store; each holds its own copy.</returns>
    public static InMemoryKeyRingStore CreateStore()
    {
        var store = new InMemoryKeyRingStore();
        store.Write(System.Text.Encoding.UTF8.GetBytes(Document));
        return store;
    }

    /// <summary>Creates the fixed key-encryption key that seals the ring; register it as <see cref="IKeyEncryptionKeyProvider"/> before <c>AddEncryption</c>.</summary>
    /// <returns>A new provider; the caller disposes it.</returns>
    public static LocalMasterKeyProvider CreateKeyEncryptionKey() => new(Convert.FromHexString(MasterKeyHex));

    /// <summary>Creates a key ring over a new <see cref="CreateStore"/> and <see cref="CreateKeyEncryptionKey"/>.</summary>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when omitted.</param>
    /// <returns>A ring whose current key is <see cref="KeyId"/>; the caller disposes it.</returns>
    /// <remarks>Scheduled rotation is off (the fixed key is older than any interval on the system clock); call <see cref="KeyRing.Rotate"/> to test rotation.</remarks>
    public static KeyRing Create(TimeProvider? timeProvider = null)
    {
        var options = Options.Create(new EncryptionOptions { KeyRotationInterval = TimeSpan.MaxValue });
#pragma warning disable CA2000 // The ring uses the provider for its lifetime; a public test key needs no zeroing.
        return new KeyRing(options, CreateStore(), CreateKeyEncryptionKey(), timeProvider ?? TimeProvider.System);
#pragma warning restore CA2000
    }
}
