using Microsoft.Extensions.Options;

namespace TradingRl.Security.Encryption;

/// <summary>Refuses insecure or contradictory encryption settings at start, naming the setting and why.</summary>
internal sealed class EncryptionOptionsSecurityValidator : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        List<string>? failures = null;
        if (options.MasterKey is not null)
        {
            var buffer = new byte[64];
            if (!Convert.TryFromBase64String(options.MasterKey, buffer, out var written) || written != LocalMasterKeyProvider.MasterKeyLength)
            {
                (failures ??= []).Add($"Encryption:MasterKey must be base64 of exactly {LocalMasterKeyProvider.MasterKeyLength} random bytes: a shorter key weakens every wrapped key.");
            }
            else if (buffer.AsSpan(0, written).IndexOfAnyExcept((byte)0) < 0)
            {
                (failures ??= []).Add("Encryption:MasterKey is all zero bytes: it is no secret. Generate one with 'openssl rand -base64 32'.");
            }

            Array.Clear(buffer);
            if (options.MasterKeyPath is not null)
            {
                (failures ??= []).Add("Encryption:MasterKey and Encryption:MasterKeyPath are both set: configure one source of the master key.");
            }
        }

        if (options.Cipher == AeadCipherPreference.Aes256Gcm && !AeadCore.IsSupported(AeadCipher.Aes256Gcm))
        {
            (failures ??= []).Add("Encryption:Cipher is Aes256Gcm, but this CPU has no AES instructions: set it to Auto or XChaCha20Poly1305.");
        }

        if (!Enum.IsDefined(options.Cipher))
        {
            (failures ??= []).Add($"Encryption:Cipher {(int)options.Cipher} is not defined.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
