using System.Security.Cryptography;

namespace TradingRl.Security.Incidents;

/// <summary>Makes and checks incident ids: <c>INC-yyyyMMdd-XXXXXXXX</c> with eight random upper-case hex digits.</summary>
internal static class IncidentIds
{
    private static readonly System.Buffers.SearchValues<char> UpperHex = System.Buffers.SearchValues.Create("0123456789ABCDEF");

    public static string Create(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[4];
        RandomNumberGenerator.Fill(random);
        return $"INC-{now.UtcDateTime:yyyyMMdd}-{Convert.ToHexString(random)}";
    }

    public static bool IsValid(string? id) =>
        id is { Length: 21 } &&
        id.StartsWith("INC-", StringComparison.Ordinal) &&
        id[12] == '-' &&
        id.AsSpan(4, 8).ContainsAnyExceptInRange('0', '9') is false &&
        !id.AsSpan(13).ContainsAnyExcept(UpperHex);

    public static void ThrowIfInvalid(string? id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        if (!IsValid(id))
        {
            throw new ArgumentException("An incident id has the form INC-yyyyMMdd-XXXXXXXX (eight upper-case hex digits).", paramName);
        }
    }
}
