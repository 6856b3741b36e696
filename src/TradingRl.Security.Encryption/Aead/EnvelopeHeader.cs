namespace TradingRl.Security.Encryption;

/// <summary>The parsed header of an envelope ciphertext: format version, algorithm, key id and the header's length.</summary>
/// <param name="Version">The format version byte.</param>
/// <param name="Cipher">The algorithm.</param>
/// <param name="KeyId">The id of the data key that encrypted the data.</param>
/// <param name="HeaderLength">The header's length in bytes (version, algorithm, key id and nonce).</param>
public readonly record struct EnvelopeHeader(byte Version, AeadCipher Cipher, Guid KeyId, int HeaderLength)
{
    /// <summary>Gets the nonce length of the algorithm in bytes.</summary>
    public int NonceLength => EnvelopeFormat.GetNonceLength(Cipher);
}
