using Microsoft.Extensions.Logging;

namespace TradingRl.Security.Encryption;

/// <summary>The package's log messages; none carries key material or data.</summary>
internal static partial class EncryptionLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Encryption uses {Cipher} for new data (AES-256-GCM supported by this CPU: {AesSupported}); key ring at {Location}.")]
    public static partial void CipherChosen(ILogger logger, AeadCipher cipher, bool aesSupported, string location);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Created a new key ring at {Location} with first key {KeyId} (CreateIfMissing). Back up the ring and the master key.")]
    public static partial void RingCreated(ILogger logger, string location, Guid keyId);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Rotated the data key: {KeyId} is current, {PreviousKeyId} retired ({Reason}).")]
    public static partial void Rotated(ILogger logger, Guid keyId, Guid previousKeyId, string reason);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Revoked data key {KeyId}; data under it is refused from now on.")]
    public static partial void Revoked(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Rewrapped {Count} data keys from key-encryption key {OldKekId} to {NewKekId}.")]
    public static partial void Rewrapped(ILogger logger, int count, string oldKekId, string newKekId);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Scheduled key rotation failed; it is retried later.")]
    public static partial void ScheduledRotationFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Warning, Message = "A security event of type {Type} could not be published.")]
    public static partial void PublishFailed(ILogger logger, string type, Exception exception);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Decryption refused ({Reason}) for key {KeyId}.")]
    public static partial void DecryptionRefused(ILogger logger, DecryptionFailureReason reason, Guid? keyId);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Erased the key {KeyId} of a data subject (crypto-shredding).")]
    public static partial void SubjectErased(ILogger logger, Guid keyId);

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "The key ring at {Location} was changed by another host; reloaded it (current key {KeyId}).")]
    public static partial void ReloadedAfterConflict(ILogger logger, string location, Guid keyId);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Warning, Message = "The key ring could not be reloaded to look for an unknown key; the data stays refused.")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);
}
