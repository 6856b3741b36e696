using System.Buffers;
using System.Text;

namespace TradingRl.Security.Encryption;

/// <summary>HKDF-SHA256 subkeys of the ring's data keys: salt = the key id, info = <c>tradingrl.subkey.v1:</c> + purpose.</summary>
internal sealed class PurposeKeyDeriver(KeyRing ring) : IPurposeKeyDeriver
{
    private const string Prefix = "tradingrl.subkey.v1:";

    public Guid DeriveKey(string purpose, Span<byte> output)
    {
        var id = ring.CurrentKeyId;
        DeriveKey(id, purpose, output);
        return id;
    }

    public void DeriveKey(Guid keyId, string purpose, Span<byte> output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(purpose.Length, 1024, nameof(purpose));
        var key = ring.GetForDecryption(keyId);
        Span<byte> salt = stackalloc byte[16];
        _ = keyId.TryWriteBytes(salt, bigEndian: true, out _);
        var info = ArrayPool<byte>.Shared.Rent(Prefix.Length + Encoding.UTF8.GetMaxByteCount(purpose.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(Prefix, info);
            n += Encoding.UTF8.GetBytes(purpose, info.AsSpan(n));
            Hkdf.DeriveKey(key.Material, salt, info.AsSpan(0, n), output);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(info);
        }
    }
}
