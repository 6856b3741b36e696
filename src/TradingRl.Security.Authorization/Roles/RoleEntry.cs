using System.Collections.Frozen;

namespace TradingRl.Security.Authorization;

/// <summary>One compiled role: its effective permissions and the roles it includes (itself and its ancestors).</summary>
internal sealed record RoleEntry(string Name, PermissionSet Permissions, FrozenSet<string> Included);
