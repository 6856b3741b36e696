namespace TradingRl.Security.Authorization;

/// <summary>One rule ready to evaluate: its conditions and a cached one-element id array, so an allow allocates nothing.</summary>
internal sealed class CompiledRule
{
    public CompiledRule(string id, RuleEffect effect, Condition[] conditions)
    {
        Id = id;
        Effect = effect;
        Conditions = conditions;
        IdArray = [id];
    }

    public string Id { get; }

    public RuleEffect Effect { get; }

    public Condition[] Conditions { get; }

    public string[] IdArray { get; }

    /// <summary>Gets the instruments the rule is limited to, or <see langword="null"/> when it has no instrument condition.</summary>
    public IReadOnlySet<string>? Instruments => Conditions.OfType<InstrumentCondition>().FirstOrDefault()?.Instruments;

    /// <summary>Evaluates the conditions in three-valued logic (Kleene AND): False if any is false, else Error if any cannot be evaluated, else True.</summary>
    /// <remarks>A definite False means the rule cannot apply whatever the missing value is, so skipping it never allows more; the result never depends on condition order.</remarks>
    public ConditionResult Evaluate(in EvaluationContext context, out Condition? culprit)
    {
        var result = ConditionResult.True;
        culprit = null;
        foreach (var c in Conditions)
        {
            var r = c.Evaluate(in context);
            if (r == ConditionResult.False)
            {
                culprit = c;
                return r;
            }

            if (r == ConditionResult.Error && result == ConditionResult.True)
            {
                result = r;
                culprit = c;
            }
        }

        return result;
    }

    /// <summary>Evaluates a permit: stops at the first condition that does not hold.</summary>
    public bool IsSatisfied(in EvaluationContext context)
    {
        foreach (var c in Conditions)
        {
            if (c.Evaluate(in context) != ConditionResult.True)
            {
                return false;
            }
        }

        return true;
    }
}
