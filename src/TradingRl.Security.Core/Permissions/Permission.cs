namespace TradingRl.Security;

/// <summary>One permission of the catalog: a small id for O(1) checks and its dotted name.</summary>
/// <remarks>The default value is no permission: it is never contained in a <see cref="PermissionSet"/>.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Permission is the domain term.")]
public readonly struct Permission : IEquatable<Permission>
{
    private readonly int _idPlusOne;

    internal Permission(int id, string name)
    {
        _idPlusOne = id + 1;
        Name = name;
    }

    /// <summary>Gets the id, 0 to <see cref="PermissionSet.Capacity"/> - 1; -1 for the default value.</summary>
    public int Id => _idPlusOne - 1;

    /// <summary>Gets the dotted name, e.g. <c>orders.place</c>; empty for the default value.</summary>
    public string Name { get => field ?? string.Empty; }

    /// <summary>Gets a value indicating whether this is a real permission rather than the default value.</summary>
    public bool IsDefined => _idPlusOne > 0;

    /// <summary>Compares two permissions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(Permission left, Permission right) => left.Equals(right);

    /// <summary>Compares two permissions.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns><see langword="true"/> when different.</returns>
    public static bool operator !=(Permission left, Permission right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(Permission other) => _idPlusOne == other._idPlusOne;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Permission p && Equals(p);

    /// <inheritdoc/>
    public override int GetHashCode() => _idPlusOne;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
