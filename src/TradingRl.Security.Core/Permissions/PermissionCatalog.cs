using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace TradingRl.Security;

/// <summary>The permissions known to this host: the built-in ones of <see cref="Permissions"/> and those the host defines.</summary>
/// <remarks>Thread-safe. Registered as a singleton by <c>AddTradingSecurity</c>. Ids are dense and never reused.</remarks>
public sealed class PermissionCatalog
{
    /// <summary>The longest permission name.</summary>
    public const int MaxNameLength = 96;

    private readonly ConcurrentDictionary<string, Permission> _byName = new(StringComparer.Ordinal);
    private readonly Permission[] _byId = new Permission[PermissionSet.Capacity];
    private readonly Lock _gate = new();
    private int _count;

    /// <summary>Initializes a catalog holding the built-in permissions.</summary>
    public PermissionCatalog()
    {
        foreach (var p in Permissions.All)
        {
            _byName[p.Name] = p;
            _byId[p.Id] = p;
        }

        _count = Permissions.BuiltInCount;
    }

    /// <summary>Gets the number of defined permissions.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Gets every defined permission, in id order.</summary>
    public IReadOnlyList<Permission> All => _byId.AsSpan(0, Count).ToArray();

    /// <summary>Defines a host permission, or returns the one already defined with that name.</summary>
    /// <param name="name">A dotted lower-case name such as <c>reports.export</c>.</param>
    /// <returns>The permission.</returns>
    /// <exception cref="ArgumentException">The name is malformed.</exception>
    /// <exception cref="InvalidOperationException">The catalog already holds <see cref="PermissionSet.Capacity"/> permissions.</exception>
    public Permission Define(string name)
    {
        ThrowIfInvalidName(name);
        if (_byName.TryGetValue(name, out var existing))
        {
            return existing;
        }

        lock (_gate)
        {
            if (_byName.TryGetValue(name, out existing))
            {
                return existing;
            }

            if (_count >= PermissionSet.Capacity)
            {
                throw new InvalidOperationException(
                    $"The permission catalog is full: it holds {PermissionSet.Capacity} permissions, {PermissionSet.Capacity - Permissions.BuiltInCount} of them host-defined.");
            }

            var p = new Permission(_count, name);
            _byId[_count] = p;
            _byName[name] = p;
            Volatile.Write(ref _count, _count + 1);
            return p;
        }
    }

    /// <summary>Looks up a permission by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="permission">The permission when found.</param>
    /// <returns><see langword="true"/> when defined.</returns>
    public bool TryGet(string name, out Permission permission)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out permission);
    }

    /// <summary>Looks up a permission by name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The permission.</returns>
    /// <exception cref="KeyNotFoundException">No permission has that name.</exception>
    public Permission Get(string name) =>
        TryGet(name, out var p) ? p : throw new KeyNotFoundException($"No permission named '{name}' is defined; define it with PermissionCatalog.Define first.");

    /// <summary>Looks up a permission by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="permission">The permission when defined.</param>
    /// <returns><see langword="true"/> when defined.</returns>
    public bool TryGet(int id, out Permission permission)
    {
        if ((uint)id < (uint)Count)
        {
            permission = _byId[id];
            return true;
        }

        permission = default;
        return false;
    }

    /// <summary>Returns the permissions of a set, in id order.</summary>
    /// <param name="set">The set.</param>
    /// <returns>The permissions.</returns>
    public IReadOnlyList<Permission> Expand(in PermissionSet set)
    {
        var list = new List<Permission>();
        foreach (var id in set.GetIds())
        {
            if (TryGet(id, out var p))
            {
                list.Add(p);
            }
        }

        return list;
    }

    /// <summary>Tells whether a name is a valid permission name: dot-separated segments of <c>a-z</c>, <c>0-9</c>, <c>_</c> and <c>-</c>.</summary>
    /// <param name="name">The candidate.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidName([NotNullWhen(true)] string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name[0] == '.' || name[^1] == '.')
        {
            return false;
        }

        var previousDot = false;
        foreach (var c in name)
        {
            var dot = c == '.';
            if ((dot && previousDot) || !(dot || c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-'))
            {
                return false;
            }

            previousDot = dot;
        }

        return true;
    }

    private static void ThrowIfInvalidName(string? name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"A permission name is 1 to {MaxNameLength} characters of dot-separated lower-case segments (a-z, 0-9, '_', '-'), e.g. 'reports.export'.",
                nameof(name));
        }
    }
}
