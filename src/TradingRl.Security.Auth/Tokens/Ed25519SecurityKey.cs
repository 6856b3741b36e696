using Microsoft.IdentityModel.Tokens;
using NSec.Cryptography;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>An Ed25519 key for Microsoft.IdentityModel, which has no EdDSA of its own; signing and verifying go through NSec.</summary>
internal sealed class Ed25519SecurityKey : AsymmetricSecurityKey
{
    public const string AlgorithmName = "EdDSA";

    public Ed25519SecurityKey(PublicKey publicKey, Key? privateKey, string kid)
    {
        PublicKey = publicKey;
        PrivateKey = privateKey;
        KeyId = kid;
        CryptoProviderFactory = new CryptoProviderFactory { CustomCryptoProvider = new Ed25519CryptoProvider() };
    }

    public PublicKey PublicKey { get; }

    public Key? PrivateKey { get; }

    [Obsolete("Use PrivateKeyStatus.")]
    public override bool HasPrivateKey => PrivateKey is not null;

    public override PrivateKeyStatus PrivateKeyStatus => PrivateKey is null ? PrivateKeyStatus.DoesNotExist : PrivateKeyStatus.Exists;

    public override int KeySize => 256;

    private sealed class Ed25519CryptoProvider : ICryptoProvider
    {
        public bool IsSupportedAlgorithm(string algorithm, params object[] args) =>
            string.Equals(algorithm, AlgorithmName, StringComparison.Ordinal) && args.Length > 0 && args[0] is Ed25519SecurityKey;

        public object Create(string algorithm, params object[] args)
        {
            var key = (Ed25519SecurityKey)args[0];
            var willCreateSignatures = args.Length > 1 && args[1] is true;
            if (willCreateSignatures && key.PrivateKey is null)
            {
                throw new InvalidOperationException("This Ed25519 key has no private part and cannot sign.");
            }

            return new Ed25519SignatureProvider(key, algorithm);
        }

        public void Release(object cryptoInstance)
        {
            if (cryptoInstance is IDisposable d)
            {
                d.Dispose();
            }
        }
    }

    private sealed class Ed25519SignatureProvider(Ed25519SecurityKey key, string algorithm) : SignatureProvider(key, algorithm)
    {
        public override byte[] Sign(byte[] input) => SignatureAlgorithm.Ed25519.Sign(Signer(), input);

        public override bool Sign(ReadOnlySpan<byte> data, Span<byte> destination, out int bytesWritten)
        {
            if (destination.Length < JwsPrimitives.EdDsaSize)
            {
                bytesWritten = 0;
                return false;
            }

            SignatureAlgorithm.Ed25519.Sign(Signer(), data, destination[..JwsPrimitives.EdDsaSize]);
            bytesWritten = JwsPrimitives.EdDsaSize;
            return true;
        }

        public override byte[] Sign(byte[] input, int offset, int count) => SignatureAlgorithm.Ed25519.Sign(Signer(), input.AsSpan(offset, count));

        public override bool Verify(byte[] input, byte[] signature) => JwsPrimitives.VerifyEd25519(key.PublicKey, input, signature);

        public override bool Verify(byte[] input, int inputOffset, int inputLength, byte[] signature, int signatureOffset, int signatureLength) =>
            JwsPrimitives.VerifyEd25519(key.PublicKey, input.AsSpan(inputOffset, inputLength), signature.AsSpan(signatureOffset, signatureLength));

        protected override void Dispose(bool disposing)
        {
        }

        private Key Signer() => key.PrivateKey ?? throw new InvalidOperationException("This Ed25519 key has no private part and cannot sign.");
    }
}
