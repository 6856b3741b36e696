using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TradingRl.Security.Internal;

/// <summary>SHA-256 on a caller-owned context, straight from OpenSSL's libcrypto (<c>SHA256_Init/Update/Final</c>).</summary>
/// <remarks>
/// <para>Shared source, compiled into each package that needs it (internal there). Why: on Linux the managed
/// <see cref="SHA256"/> and <see cref="HMACSHA256"/> APIs also end in OpenSSL, but fetch the digest and allocate a context
/// on every call, which costs several times the hashing of a short input (a Merkle node, a token). A context is a plain
/// 112-byte struct (<c>SHA256_CTX</c>: 8 + 2 + 16 + 2 32-bit words, no pointers), so it can be copied: a keyed HMAC keeps
/// its inner and outer states after the key block and resumes from copies.</para>
/// <para><see cref="Available"/> is true only on Linux with OpenSSL 3 exporting the low-level API, and only after the
/// functions reproduce <see cref="SHA256"/>'s output on known inputs; callers keep a managed path for every other case.
/// Thread-safe: contexts are the callers'.</para>
/// </remarks>
internal static class LibCryptoSha256
{
    /// <summary>Bytes to reserve for one context (<c>SHA256_CTX</c> is 112).</summary>
    public const int ContextSize = 128;

    /// <summary>The SHA-256 block size in bytes.</summary>
    public const int BlockSize = 64;

    private const string LibCrypto = "libcrypto.so.3";

    // Inputs up to this size hash in well under a microsecond, short enough to skip the GC transition (SuppressGCTransition's rule).
    private const int ShortInput = 1024;

    /// <summary>Gets a value indicating whether the native functions are present and agree with <see cref="SHA256"/>.</summary>
    public static bool Available { get; } = Probe();

    /// <summary>Starts a hash in <paramref name="context"/> (at least <see cref="ContextSize"/> bytes).</summary>
    /// <returns>False if OpenSSL reported a failure.</returns>
    public static bool Init(Span<byte> context)
    {
        Check(context);
        return InitShort(ref MemoryMarshal.GetReference(context)) == 1;
    }

    /// <summary>Adds <paramref name="data"/> to the hash in <paramref name="context"/>.</summary>
    /// <returns>False if OpenSSL reported a failure.</returns>
    public static bool Update(Span<byte> context, ReadOnlySpan<byte> data)
    {
        Check(context);
        if (data.IsEmpty)
        {
            return true;
        }

        ref var c = ref MemoryMarshal.GetReference(context);
        ref var d = ref MemoryMarshal.GetReference(data);
        return (data.Length <= ShortInput ? UpdateShort(ref c, ref d, (nuint)data.Length) : UpdateLong(ref c, ref d, (nuint)data.Length)) == 1;
    }

    /// <summary>Writes the 32-byte digest to <paramref name="destination"/>; the context must be started again before reuse.</summary>
    /// <returns>False if OpenSSL reported a failure.</returns>
    public static bool Final(Span<byte> context, Span<byte> destination)
    {
        Check(context);
        if (destination.Length < SHA256.HashSizeInBytes)
        {
            throw new ArgumentException($"The destination must hold {SHA256.HashSizeInBytes} bytes.", nameof(destination));
        }

        return FinalShort(ref MemoryMarshal.GetReference(destination), ref MemoryMarshal.GetReference(context)) == 1;
    }

    /// <summary>One-shot SHA-256 of <paramref name="source"/> on a stack context.</summary>
    /// <returns>False if OpenSSL reported a failure (the caller falls back to <see cref="SHA256"/>).</returns>
    public static bool TryHash(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Span<byte> context = stackalloc byte[ContextSize];
        return Init(context) && Update(context, source) && Final(context, destination);
    }

    private static void Check(Span<byte> context)
    {
        if (context.Length < ContextSize)
        {
            throw new ArgumentException($"A SHA-256 context needs {ContextSize} bytes.", nameof(context));
        }
    }

    // Known answers from the managed implementation: empty, one block less padding, block edges, several blocks, one long update.
    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
            Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
            var input = new byte[2100];
            for (var i = 0; i < input.Length; i++)
            {
                input[i] = (byte)((i * 131) + 7);
            }

            foreach (var length in (ReadOnlySpan<int>)[0, 3, 55, 56, 63, 64, 65, 200, 1024, 1025, 2100])
            {
                SHA256.HashData(input.AsSpan(0, length), expected);
                actual.Clear();
                if (!TryHash(input.AsSpan(0, length), actual) || !actual.SequenceEqual(expected))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            // No OpenSSL 3, or one built without the deprecated low-level API.
            return false;
        }
    }

    [DllImport(LibCrypto, EntryPoint = "SHA256_Init", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int InitShort(ref byte context);

    [DllImport(LibCrypto, EntryPoint = "SHA256_Update", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int UpdateShort(ref byte context, ref byte data, nuint count);

    [DllImport(LibCrypto, EntryPoint = "SHA256_Update", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int UpdateLong(ref byte context, ref byte data, nuint count);

    [DllImport(LibCrypto, EntryPoint = "SHA256_Final", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    [SuppressGCTransition]
    private static extern int FinalShort(ref byte md, ref byte context);
}
