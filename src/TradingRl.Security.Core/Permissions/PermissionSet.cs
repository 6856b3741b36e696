using System.Numerics;
using System.Runtime.CompilerServices;

namespace TradingRl.Security;

/// <summary>A fixed-size set of permissions: O(1), allocation-free membership over up to <see cref="Capacity"/> ids.</summary>
/// <remarks>An immutable 64-byte value; pass it with <c>in</c> on hot paths. The default value is the empty set.</remarks>
public readonly struct PermissionSet : IEquatable<PermissionSet>
{
    /// <summary>The number of permission ids a set can hold: the 12 built-in ones and 500 host-defined ones.</summary>
    public const int Capacity = Words * 64;

    private const int Words = 8;

    private readonly Bits _bits;

    private PermissionSet(in Bits bits) => _bits = bits;

    /// <summary>Gets the empty set.</summary>
    public static PermissionSet Empty => default;

    /// <summary>Gets the number of permissions in the set.</summary>
    public int Count
    {
        get
        {
            var n = 0;
            for (var i = 0; i < Words; i++)
            {
                n += BitOperations.PopCount(_bits[i]);
            }

            return n;
        }
    }

    /// <summary>Gets a value indicating whether the set is empty.</summary>
    public bool IsEmpty
    {
        get
        {
            for (var i = 0; i < Words; i++)
            {
                if (_bits[i] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Makes a set of the given permissions.</summary>
    /// <param name="permissions">The permissions; default values are refused.</param>
    /// <returns>The set.</returns>
    /// <exception cref="ArgumentException">A permission is the default value.</exception>
    public static PermissionSet Of(params ReadOnlySpan<Permission> permissions)
    {
        Bits bits = default;
        foreach (var p in permissions)
        {
            if (!p.IsDefined)
            {
                throw new ArgumentException("A permission set cannot hold the default (undefined) permission.", nameof(permissions));
            }

            bits[p.Id >> 6] |= 1UL << (p.Id & 63);
        }

        return new PermissionSet(bits);
    }

    /// <summary>Tells whether the set holds <paramref name="permission"/>; the default permission is never held.</summary>
    /// <param name="permission">The permission.</param>
    /// <returns><see langword="true"/> when held.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Contains(Permission permission)
    {
        var id = (uint)permission.Id;
        return id < Capacity && (_bits[(int)(id >> 6)] & (1UL << (int)(id & 63))) != 0;
    }

    /// <summary>Tells whether every permission of <paramref name="other"/> is in this set.</summary>
    /// <param name="other">The other set.</param>
    /// <returns><see langword="true"/> when this set is a superset.</returns>
    public bool ContainsAll(in PermissionSet other)
    {
        for (var i = 0; i < Words; i++)
        {
            if ((other._bits[i] & ~_bits[i]) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns this set with <paramref name="permission"/> added.</summary>
    /// <param name="permission">The permission.</param>
    /// <returns>The new set.</returns>
    /// <exception cref="ArgumentException">The permission is the default value.</exception>
    public PermissionSet Add(Permission permission)
    {
        if (!permission.IsDefined)
        {
            throw new ArgumentException("A permission set cannot hold the default (undefined) permission.", nameof(permission));
        }

        var bits = _bits;
        bits[permission.Id >> 6] |= 1UL << (permission.Id & 63);
        return new PermissionSet(bits);
    }

    /// <summary>Returns this set without <paramref name="permission"/>.</summary>
    /// <param name="permission">The permission.</param>
    /// <returns>The new set.</returns>
    public PermissionSet Remove(Permission permission)
    {
        if (!permission.IsDefined)
        {
            return this;
        }

        var bits = _bits;
        bits[permission.Id >> 6] &= ~(1UL << (permission.Id & 63));
        return new PermissionSet(bits);
    }

    /// <summary>Returns the union of two sets.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>The union.</returns>
    public PermissionSet Union(in PermissionSet other)
    {
        Bits bits = default;
        for (var i = 0; i < Words; i++)
        {
            bits[i] = _bits[i] | other._bits[i];
        }

        return new PermissionSet(bits);
    }

    /// <summary>Returns the intersection of two sets.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>The intersection.</returns>
    public PermissionSet Intersect(in PermissionSet other)
    {
        Bits bits = default;
        for (var i = 0; i < Words; i++)
        {
            bits[i] = _bits[i] & other._bits[i];
        }

        return new PermissionSet(bits);
    }

    /// <summary>Returns this set less the permissions of <paramref name="other"/>.</summary>
    /// <param name="other">The other set.</param>
    /// <returns>The difference.</returns>
    public PermissionSet Except(in PermissionSet other)
    {
        Bits bits = default;
        for (var i = 0; i < Words; i++)
        {
            bits[i] = _bits[i] & ~other._bits[i];
        }

        return new PermissionSet(bits);
    }

    /// <summary>Returns the ids in the set, ascending.</summary>
    /// <returns>The ids.</returns>
    public IEnumerable<int> GetIds()
    {
        var copy = _bits;
        var result = new List<int>();
        for (var i = 0; i < Words; i++)
        {
            var w = copy[i];
            while (w != 0)
            {
                var bit = BitOperations.TrailingZeroCount(w);
                result.Add((i * 64) + bit);
                w &= w - 1;
            }
        }

        return result;
    }

    /// <summary>Compares two sets.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(PermissionSet left, PermissionSet right) => left.Equals(right);

    /// <summary>Compares two sets.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(PermissionSet left, PermissionSet right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(PermissionSet other)
    {
        for (var i = 0; i < Words; i++)
        {
            if (_bits[i] != other._bits[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PermissionSet s && Equals(s);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = default(HashCode);
        for (var i = 0; i < Words; i++)
        {
            h.Add(_bits[i]);
        }

        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() => $"PermissionSet({Count})";

    [InlineArray(Words)]
    private struct Bits
    {
        private ulong _element;
    }
}
