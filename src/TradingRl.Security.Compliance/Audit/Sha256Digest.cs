using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TradingRl.Security.Internal;

namespace TradingRl.Security.Compliance.Audit;

/// <summary>One-shot SHA-256 for the Merkle tree's many short inputs, straight from OpenSSL's libcrypto where available, <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> elsewhere.</summary>
/// <remarks>
/// <para>Why: on Linux <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> goes through OpenSSL too, but fetches the digest
/// and allocates a context on every call; for a 65-byte node hash that costs several times the hashing itself (measured 2026-12-04:
/// about 700 ns per call, against about 220 ns for <c>EVP_Digest</c> with a digest fetched once and about 150 ns for
/// <c>SHA256_Init/Update/Final</c> on a stack context). The audit trail hashes two short inputs per record, so the per-call cost
/// dominated appends and verification.</para>
/// <para>Order of preference: libcrypto's <c>SHA256_Init/Update/Final</c> through the shared <see cref="LibCryptoSha256"/> binding
/// (the same block function as the EVP API, without its provider lookup; the Auth package's HMAC uses the same binding), then <c>EVP_Digest</c> with a digest fetched once, then the managed API. A native path is used only after it
/// reproduces <see cref="SHA256"/>'s output on known inputs at start; any failure (no OpenSSL 3, another platform, a missing
/// export, a mismatch) falls back to the next. Thread-safe: the contexts live on the caller's stack.</para>
/// </remarks>
internal static class Sha256Digest
{
    private const string LibCrypto = "libcrypto.so.3";

    private static readonly (Kind Kind, nint Md) Native = Initialize();

    internal enum Kind
    {
        Managed,
        EvpDigest,
        LowLevel,
    }

    /// <summary>Gets which implementation computes the hashes.</summary>
    public static Kind Implementation => Native.Kind;

    /// <summary>Computes SHA-256 of <paramref name="source"/> into the first 32 bytes of <paramref name="destination"/>.</summary>
    public static void Hash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"The destination must hold {SHA256.HashSizeInBytes} bytes.", nameof(destination));
        }

        var done = Native.Kind switch
        {
            Kind.LowLevel => LibCryptoSha256.TryHash(source, destination),
            Kind.EvpDigest => EvpHash(Native.Md, source, destination),
            _ => false,
        };
        if (!done)
        {
            SHA256.HashData(source, destination);
        }
    }

    private static bool EvpHash(nint md, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        // A zero-length input still needs a valid pointer; the destination's first byte serves, it is not read.
        ref var data = ref source.IsEmpty ? ref MemoryMarshal.GetReference(destination) : ref MemoryMarshal.GetReference(source);
        return EvpDigest(ref data, (nuint)source.Length, ref MemoryMarshal.GetReference(destination), out var size, md, 0) == 1 && size == SHA256.HashSizeInBytes;
    }

    private static (Kind, nint) Initialize()
    {
        if (!OperatingSystem.IsLinux() || (AppContext.TryGetSwitch("TradingRl.Security.Audit.ManagedSha256", out var managed) && managed))
        {
            return (Kind.Managed, 0);
        }

        // The shared low-level binding checks itself against the managed answers when first used.
        if (LibCryptoSha256.Available)
        {
            return (Kind.LowLevel, 0);
        }

        try
        {
            var md = EvpMdFetch(0, "SHA256\0"u8.ToArray(), 0);
            return md != 0 && SelfTest(md) ? (Kind.EvpDigest, md) : (Kind.Managed, 0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return (Kind.Managed, 0);
        }
    }

    // EVP_Digest must give the managed answers for inputs of 0, 1 block minus padding, a node (65 bytes) and several blocks.
    private static bool SelfTest(nint md)
    {
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        var input = new byte[1100];
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (byte)((i * 131) + 7);
        }

        foreach (var length in (ReadOnlySpan<int>)[0, 3, 55, 56, 64, 65, 200, 1024, 1025, 1100])
        {
            SHA256.HashData(input.AsSpan(0, length), expected);
            actual.Clear();
            if (!EvpHash(md, input.AsSpan(0, length), actual) || !actual.SequenceEqual(expected))
            {
                return false;
            }
        }

        return true;
    }

    [DllImport(LibCrypto, EntryPoint = "EVP_MD_fetch", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint EvpMdFetch(nint libraryContext, byte[] algorithm, nint properties);

    [DllImport(LibCrypto, EntryPoint = "EVP_Digest", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int EvpDigest(ref byte data, nuint count, ref byte md, out uint size, nint type, nint engine);
}
