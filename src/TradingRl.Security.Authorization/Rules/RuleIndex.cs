using System.Collections.Frozen;

namespace TradingRl.Security.Authorization;

/// <summary>The rules of one effect that apply to one permission, in ordinal id order, indexed by instrument.</summary>
/// <remarks>
/// A rule limited to instruments is False for any other instrument, and a False condition makes the whole rule False
/// (Kleene AND), so for a request naming an instrument only the rules without an instrument condition and those listing
/// that instrument need evaluating. A request without an instrument evaluates <see cref="All"/>.
/// </remarks>
internal sealed class RuleIndex
{
    public static readonly RuleIndex Empty = new([]);

    public RuleIndex(CompiledRule[] sortedRules)
    {
        All = sortedRules;
        Unindexed = [.. sortedRules.Where(r => r.Instruments is null)];
        var byInstrument = new Dictionary<string, List<CompiledRule>>(StringComparer.Ordinal);
        foreach (var rule in sortedRules)
        {
            foreach (var instrument in rule.Instruments ?? FrozenSet<string>.Empty)
            {
                if (!byInstrument.TryGetValue(instrument, out var list))
                {
                    byInstrument[instrument] = list = [];
                }

                list.Add(rule);
            }
        }

        ByInstrument = byInstrument.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
    }

    public CompiledRule[] All { get; }

    public int Count => All.Length;

    /// <summary>Gets the rules without an instrument condition.</summary>
    public CompiledRule[] Unindexed { get; }

    /// <summary>Gets, per instrument, the rules whose instrument condition lists it.</summary>
    public FrozenDictionary<string, CompiledRule[]> ByInstrument { get; }
}
