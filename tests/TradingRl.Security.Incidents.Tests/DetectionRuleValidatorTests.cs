using TradingRl.Security.Events;

namespace TradingRl.Security.Incidents.Tests;

public sealed class DetectionRuleValidatorTests
{
    private static DetectionRule Valid()
    {
        var rule = new DetectionRule { Id = "my-rule", Title = "Mine", Kind = DetectionRuleKind.Match };
        rule.EventTypes.Add("auth.login.failed");
        return rule;
    }

    [Fact]
    public void Validate_ValidRule_HasNoProblems() => Assert.Empty(DetectionRuleValidator.Validate(Valid()));

    [Theory]
    [InlineData("id", "Detection rule '(no id)': Id must be 1 to 64 characters of a-z, 0-9 and '-'.")]
    [InlineData("type", "Detection rule 'my-rule': EventTypes contains 'Auth.Login', which is not an event type name (e.g. 'auth.login.failed').")]
    [InlineData("own", "Detection rule 'my-rule': EventTypes contains 'incident.opened': rules may not read the package's own incident events (it would feed on itself).")]
    [InlineData("severity", "Detection rule 'my-rule': Severity must be Low, Medium, High or Critical.")]
    [InlineData("threshold", "Detection rule 'my-rule': Threshold must be 0 to 100000.")]
    [InlineData("window", "Detection rule 'my-rule': Window must be 1 second to 400 days.")]
    [InlineData("sequence", "Detection rule 'my-rule': ThenEventTypes must list at least one event type.")]
    [InlineData("distinct", "Detection rule 'my-rule': DistinctField must name the field whose values are counted or remembered.")]
    [InlineData("property", "Detection rule 'my-rule': GroupBy is Property, so its property name must be 1 to 64 characters.")]
    public void Validate_BadSetting_NamesRuleAndSetting(string what, string expected)
    {
        var rule = Valid();
        switch (what)
        {
            case "id": rule.Id = string.Empty; break;
            case "type": rule.EventTypes[0] = "Auth.Login"; break;
            case "own": rule.EventTypes[0] = SecurityEventTypes.IncidentOpened.Type; break;
            case "severity": rule.Severity = SecuritySeverity.Info; break;
            case "threshold": rule.Threshold = -1; break;
            case "window": rule.Window = TimeSpan.FromDays(401); break;
            case "sequence": rule.Kind = DetectionRuleKind.Sequence; break;
            case "distinct": rule.Kind = DetectionRuleKind.DistinctCount; break;
            default: rule.GroupBy = EventField.Property; break;
        }

        Assert.Contains(expected, DetectionRuleValidator.Validate(rule));
        Assert.Throws<ArgumentException>(() => DetectionRuleValidator.ThrowIfInvalid(rule));
    }

    [Fact]
    public void Validate_Null_Throws() => Assert.Throws<ArgumentNullException>(() => DetectionRuleValidator.Validate(null!));
}
