using System.Collections.Concurrent;
using System.Security.Cryptography;
using TradingRl.Security.Internal;

namespace TradingRl.Security.Auth.Tokens;

/// <summary>A keyed HMAC-SHA256 (RFC 2104) that verifies tags without re-keying: the key's inner and outer SHA-256 states
/// are computed once and each verification resumes from copies of them.</summary>
/// <remarks>
/// <para>Why: .NET's HMAC APIs re-key OpenSSL's MAC context on every call (two extra compressions and a context reset) and
/// cross into native code several times; for a token of a few hundred bytes that was most of the validation cost. With
/// the states kept, a 300-byte signing input costs its own five compressions plus one for the outer hash.</para>
/// <para>The states are as secret as the key (they let anyone compute tags): they live in a managed array owned by this
/// object and are zeroed on <see cref="Dispose"/>; after that every verification fails (fail closed). Where the native
/// SHA-256 is unavailable (<see cref="LibCryptoSha256.Available"/>), a small pool of .NET <see cref="IncrementalHash"/>
/// HMAC instances does the same job. Thread-safe.</para>
/// </remarks>
internal sealed class HmacSha256Key : IDisposable
{
    /// <summary>The tag size in bytes.</summary>
    public const int TagSize = 32;

    private const int MaxPooledMacs = 32;

    private readonly byte[] _secret;

    // Inner state (after key XOR ipad) then outer state (after key XOR opad), each LibCryptoSha256.ContextSize bytes; null without the native path.
    private readonly byte[]? _states;
    private readonly ConcurrentBag<IncrementalHash>? _macs;
    private int _disposed;

    /// <summary>Initializes a key from a secret (copied).</summary>
    /// <param name="secret">The secret; any length (RFC 2104 hashes a secret longer than a block first).</param>
    public HmacSha256Key(ReadOnlySpan<byte> secret)
    {
        _secret = secret.ToArray();
        if (LibCryptoSha256.Available && TryPrepare(_secret, out var states))
        {
            _states = states;
        }
        else
        {
            _macs = [];
        }
    }

    /// <summary>Gets a value indicating whether tags are computed from the kept native states (false: .NET's HMAC).</summary>
    public bool UsesKeptStates => _states is not null;

    /// <summary>Computes the tag of <paramref name="data"/> into <paramref name="tag"/> (at least <see cref="TagSize"/> bytes).</summary>
    /// <returns>False when the key is disposed or OpenSSL reported a failure.</returns>
    public bool TryCompute(ReadOnlySpan<byte> data, Span<byte> tag)
    {
        if (tag.Length < TagSize)
        {
            throw new ArgumentException($"The tag buffer must hold {TagSize} bytes.", nameof(tag));
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            return false;
        }

        var ok = _states is null ? ComputeManaged(data, tag) : ComputeNative(_states, data, tag);

        // Dispose may have zeroed the states (or the secret a fresh managed HMAC was keyed from) after the check above:
        // a tag from zeroed states is one anyone can compute, so it must not count. Dispose sets the flag (a full fence)
        // before zeroing, and the fence here keeps the reads of the states before this second look at the flag.
        Interlocked.MemoryBarrier();
        if (!ok || Volatile.Read(ref _disposed) != 0)
        {
            CryptographicOperations.ZeroMemory(tag[..TagSize]);
            return false;
        }

        return true;
    }

    /// <summary>Tells, in constant time for equal lengths, whether <paramref name="tag"/> is the full tag of <paramref name="data"/>.</summary>
    /// <remarks>A truncated tag never verifies: for a token it is a forgery aid, not a variant.</remarks>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> tag)
    {
        if (tag.Length != TagSize)
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[TagSize];
        var ok = TryCompute(data, computed) && CryptographicOperations.FixedTimeEquals(computed, tag);
        CryptographicOperations.ZeroMemory(computed);
        return ok;
    }

    /// <summary>Zeroes the secret and the kept states and releases the pooled instances; later verifications fail.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        CryptographicOperations.ZeroMemory(_secret);
        if (_states is not null)
        {
            CryptographicOperations.ZeroMemory(_states);
        }

        DrainPool();
    }

    private static bool ComputeNative(byte[] states, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        Span<byte> context = stackalloc byte[LibCryptoSha256.ContextSize];
        Span<byte> inner = stackalloc byte[TagSize];
        states.AsSpan(0, LibCryptoSha256.ContextSize).CopyTo(context);
        var ok = LibCryptoSha256.Update(context, data) && LibCryptoSha256.Final(context, inner);
        states.AsSpan(LibCryptoSha256.ContextSize, LibCryptoSha256.ContextSize).CopyTo(context);
        ok = ok && LibCryptoSha256.Update(context, inner) && LibCryptoSha256.Final(context, tag);
        CryptographicOperations.ZeroMemory(context);
        CryptographicOperations.ZeroMemory(inner);
        return ok;
    }

    private bool ComputeManaged(ReadOnlySpan<byte> data, Span<byte> tag)
    {
        if (!_macs!.TryTake(out var mac))
        {
            mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        }

        mac.AppendData(data);
        mac.GetHashAndReset(tag);
        if (_macs.Count < MaxPooledMacs && Volatile.Read(ref _disposed) == 0)
        {
            _macs.Add(mac);

            // Dispose may have emptied the pool between the look at the flag and the add: empty it again, so no keyed
            // instance outlives the key.
            Interlocked.MemoryBarrier();
            if (Volatile.Read(ref _disposed) != 0)
            {
                DrainPool();
            }
        }
        else
        {
            mac.Dispose();
        }

        return true;
    }

    private void DrainPool()
    {
        while (_macs is not null && _macs.TryTake(out var pooled))
        {
            pooled.Dispose();
        }
    }

    // RFC 2104 section 2: K' = H(K) when K is longer than a block, zero-padded to a block; inner = H((K' ^ ipad) || ...),
    // outer = H((K' ^ opad) || inner). The states after the one padded-key block are kept; a self-test against .NET's
    // HMAC guards them.
    private static bool TryPrepare(byte[] secret, out byte[] states)
    {
        states = new byte[2 * LibCryptoSha256.ContextSize];
        Span<byte> block = stackalloc byte[LibCryptoSha256.BlockSize];
        block.Clear();
        var ok = secret.Length > LibCryptoSha256.BlockSize ? LibCryptoSha256.TryHash(secret, block) : CopyTo(secret, block);
        Span<byte> pad = stackalloc byte[LibCryptoSha256.BlockSize];
        for (var i = 0; i < pad.Length; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x36);
        }

        var innerState = states.AsSpan(0, LibCryptoSha256.ContextSize);
        ok = ok && LibCryptoSha256.Init(innerState) && LibCryptoSha256.Update(innerState, pad);
        for (var i = 0; i < pad.Length; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x5C);
        }

        var outerState = states.AsSpan(LibCryptoSha256.ContextSize);
        ok = ok && LibCryptoSha256.Init(outerState) && LibCryptoSha256.Update(outerState, pad);
        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(pad);
        ok = ok && SelfTest(secret, states);
        if (!ok)
        {
            CryptographicOperations.ZeroMemory(states);
        }

        return ok;
    }

    private static bool CopyTo(byte[] secret, Span<byte> block)
    {
        secret.CopyTo(block);
        return true;
    }

    // The kept states must give .NET's answer for this very key on inputs around the block edges.
    private static bool SelfTest(byte[] secret, byte[] states)
    {
        Span<byte> expected = stackalloc byte[TagSize];
        Span<byte> actual = stackalloc byte[TagSize];
        Span<byte> input = stackalloc byte[130];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (byte)(i * 29);
        }

        var ok = true;
        foreach (var length in (ReadOnlySpan<int>)[0, 55, 64, 130])
        {
            HMACSHA256.HashData(secret, input[..length], expected);
            ok &= ComputeNative(states, input[..length], actual) && actual.SequenceEqual(expected);
        }

        CryptographicOperations.ZeroMemory(expected);
        CryptographicOperations.ZeroMemory(actual);
        return ok;
    }
}
