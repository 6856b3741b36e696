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
        NeedsClock = conditions.Any(c => c.NeedsClock);
    }

    public string Id { get; }

    public RuleEffect Effect { get; }

    public Condition[] Conditions { get; }

    public string[] IdArray { get; }

    public bool NeedsClock { get; }

    /// <summary>Evaluates every condition; the result is the worst of them (Error over False over True), so condition order never matters.</summary>
    public ConditionResult Evaluate(in EvaluationContext context, out Condition? culprit)
    {
        var result = ConditionResult.True;
        culprit = null;
        foreach (var c in Conditions)
        {
            var r = c.Evaluate(in context);
            if (r > result)
            {
                result = r;
                culprit = c;
                if (r == ConditionResult.Error)
                {
                    break;
                }
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
