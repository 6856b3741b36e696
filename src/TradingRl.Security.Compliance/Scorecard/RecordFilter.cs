using System.Text;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Events;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>A selection of audit records by type, outcome and properties, that can say itself as a query.</summary>
internal sealed class RecordFilter
{
    private readonly string[] _types;
    private readonly List<(string Name, string[] Values, bool Negate)> _properties = [];
    private SecurityOutcome? _outcome;

    public RecordFilter(params string[] types) => _types = types;

    public RecordFilter Outcome(SecurityOutcome outcome)
    {
        _outcome = outcome;
        return this;
    }

    /// <summary>Keeps records whose property (for <c>rule</c>: <c>rule</c>, else <c>reason</c>) is one of the values.</summary>
    public RecordFilter Where(string name, params string[] values)
    {
        _properties.Add((name, values, false));
        return this;
    }

    /// <summary>Keeps records whose property is absent or none of the values.</summary>
    public RecordFilter WhereNot(string name, params string[] values)
    {
        _properties.Add((name, values, true));
        return this;
    }

    public static string? Property(AuditRecord record, string name) =>
        name == "rule"
            ? record.Properties.GetValueOrDefault("rule") ?? record.Properties.GetValueOrDefault("reason")
            : record.Properties.GetValueOrDefault(name);

    public bool Matches(AuditRecord record)
    {
        if (Array.IndexOf(_types, record.Type) < 0 || (_outcome is { } o && record.Outcome != o))
        {
            return false;
        }

        foreach (var (name, values, negate) in _properties)
        {
            var v = Property(record, name);
            var inSet = v is not null && Array.IndexOf(values, v) >= 0;
            if (inSet == negate)
            {
                return false;
            }
        }

        return true;
    }

    public long Count(IEnumerable<AuditRecord> records) => records.LongCount(Matches);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(_types.Length == 1 ? $"type = '{_types[0]}'" : $"type in ({List(_types)})");
        if (_outcome is { } o)
        {
            sb.Append(" and outcome = ").Append(o.ToString());
        }

        foreach (var (name, values, negate) in _properties)
        {
            var field = name == "rule" ? "coalesce(properties.rule, properties.reason)" : "properties." + name;
            sb.Append(negate ? $" and {field} not in ({List(values)})" : values.Length == 1 ? $" and {field} = '{values[0]}'" : $" and {field} in ({List(values)})");
        }

        return sb.ToString();
    }

    private static string List(string[] values) => string.Join(", ", values.Select(v => $"'{v}'"));
}
