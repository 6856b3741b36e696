namespace TradingRl.Security.Events;

/// <summary>The rules for an event type name: two to eight dot-separated segments of <c>a-z</c>, <c>0-9</c> and <c>_</c>, at most 128 characters.</summary>
public static class SecurityEventTypeName
{
    /// <summary>The longest accepted name.</summary>
    public const int MaxLength = 128;

    /// <summary>Tells whether <paramref name="type"/> is a valid event type name.</summary>
    /// <param name="type">The candidate name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(string? type)
    {
        if (string.IsNullOrEmpty(type) || type.Length > MaxLength)
        {
            return false;
        }

        var segments = 1;
        var segmentLength = 0;
        foreach (var c in type)
        {
            if (c == '.')
            {
                if (segmentLength == 0)
                {
                    return false;
                }

                segments++;
                segmentLength = 0;
            }
            else if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            {
                segmentLength++;
            }
            else
            {
                return false;
            }
        }

        return segmentLength > 0 && segments is >= 2 and <= 8;
    }

    /// <summary>Throws when <paramref name="type"/> is not a valid name.</summary>
    /// <param name="type">The candidate name.</param>
    /// <param name="paramName">The caller's parameter name.</param>
    /// <exception cref="ArgumentNullException">The name is null.</exception>
    /// <exception cref="ArgumentException">The name is malformed.</exception>
    public static void ThrowIfInvalid(string? type, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(type))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(type, paramName);
        if (!IsValid(type))
        {
            throw new ArgumentException(
                "An event type name has two to eight dot-separated segments of a-z, 0-9 and '_', at most 128 characters (e.g. 'auth.login.failed').",
                paramName);
        }
    }
}
