namespace TradingRl.Security.Authorization;

/// <summary>Allocation-free reads of a principal: index loops rather than <c>foreach</c> over <see cref="IReadOnlyList{T}"/>, which boxes an enumerator.</summary>
internal static class PrincipalFacts
{
    public static bool CanActFor(SecurityPrincipal principal, string account) => Contains(principal.Accounts, account);

    public static bool HasMultiFactor(SecurityPrincipal principal)
    {
        var methods = principal.AuthenticationMethods;
        for (var i = 0; i < methods.Count; i++)
        {
            if (methods[i] is AuthenticationMethods.MultiFactor or AuthenticationMethods.OneTimePassword
                or AuthenticationMethods.HardwareKey or AuthenticationMethods.SmartCard)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        // Principals built from tokens and stores hold arrays: index them directly rather than through the interface.
        if (values is string[] array)
        {
            foreach (var item in array)
            {
                if (string.Equals(item, value, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
