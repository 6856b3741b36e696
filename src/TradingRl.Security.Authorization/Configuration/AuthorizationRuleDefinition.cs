namespace TradingRl.Security.Authorization;

/// <summary>One attribute-based rule: its effect, the permissions it applies to, and conditions that must all hold for it to be satisfied.</summary>
/// <remarks>
/// <para>Every condition that is set must hold (three-valued AND); a condition left unset is not checked. A condition that
/// cannot be evaluated (a missing attribute, an unknown classification, a calendar that throws) never allows: a permit
/// rule is then not satisfied, and a forbid rule denies unless another of its conditions is definitely false.</para>
/// <para>Time windows are local wall-clock times in <see cref="TimeZone"/>: start inclusive, end exclusive; a window
/// whose start is after its end runs across midnight.</para>
/// </remarks>
public sealed class AuthorizationRuleDefinition
{
    /// <summary>Gets or sets the rule id, reported in decisions and events.</summary>
    /// <value>Required; 1 to 128 characters of letters, digits, <c>_</c>, <c>-</c>, <c>.</c> and <c>:</c>; unique across the policy.</value>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets whether a satisfied rule permits or forbids.</summary>
    /// <value>Default <see cref="RuleEffect.Permit"/>.</value>
    public RuleEffect Effect { get; set; } = RuleEffect.Permit;

    /// <summary>Gets or sets a human-readable description.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the permission names the rule applies to.</summary>
    /// <value>A permit must name at least one; an empty list on a forbid applies it to every permission.</value>
    public IList<string> Permissions { get; set; } = [];

    /// <summary>Gets or sets the desks the subject must belong to.</summary>
    public IList<string> SubjectDesks { get; set; } = [];

    /// <summary>Gets or sets a value indicating whether the resource's desk must be the subject's desk.</summary>
    /// <value>Default <see langword="false"/> (not checked); when set, a missing desk on either side cannot be evaluated.</value>
    public bool SameDesk { get; set; }

    /// <summary>Gets or sets a value indicating whether the resource's account must be one the subject may act for.</summary>
    /// <value>Default <see langword="false"/> (not checked); when set, a missing account cannot be evaluated.</value>
    public bool OwnAccount { get; set; }

    /// <summary>Gets or sets a value indicating whether the subject must have used a second factor.</summary>
    public bool RequireMfa { get; set; }

    /// <summary>Gets or sets the most time since the subject authenticated; the age must be below it.</summary>
    /// <value>Unset by default; 1 second to 30 days. A subject without an authentication time cannot be evaluated.</value>
    public TimeSpan? MaxAuthenticationAge { get; set; }

    /// <summary>Gets or sets subject attributes that must have exactly these values (ordinal).</summary>
    /// <value>A missing attribute cannot be evaluated.</value>
    public IDictionary<string, string> SubjectAttributes { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the instruments the resource must be one of.</summary>
    public IList<string> Instruments { get; set; } = [];

    /// <summary>Gets or sets the desks the resource must belong to.</summary>
    public IList<string> ResourceDesks { get; set; } = [];

    /// <summary>Gets or sets the accounts the resource must be one of.</summary>
    public IList<string> Accounts { get; set; } = [];

    /// <summary>Gets or sets the least notional (inclusive) the resource must have.</summary>
    /// <value>Unset by default; a request without a notional cannot be evaluated.</value>
    public decimal? NotionalFrom { get; set; }

    /// <summary>Gets or sets the notional the resource must stay below (exclusive).</summary>
    /// <value>Unset by default; a request without a notional cannot be evaluated.</value>
    public decimal? NotionalBelow { get; set; }

    /// <summary>Gets or sets the least data classification (inclusive) of the resource.</summary>
    public ClassificationLevel? MinClassification { get; set; }

    /// <summary>Gets or sets the highest data classification (inclusive) of the resource.</summary>
    public ClassificationLevel? MaxClassification { get; set; }

    /// <summary>Gets or sets the IANA time zone of <see cref="From"/>, <see cref="Until"/> and <see cref="TradingDay"/>, e.g. <c>America/New_York</c>.</summary>
    /// <value>Required when a time window or trading-day condition is set.</value>
    public string? TimeZone { get; set; }

    /// <summary>Gets or sets the local time of day the window opens (inclusive).</summary>
    /// <value>Set together with <see cref="Until"/>; the two must differ.</value>
    public TimeOnly? From { get; set; }

    /// <summary>Gets or sets the local time of day the window closes (exclusive).</summary>
    /// <value>Set together with <see cref="From"/>; earlier than <see cref="From"/> for a window across midnight.</value>
    public TimeOnly? Until { get; set; }

    /// <summary>Gets or sets whether the local date must be a trading day (<see langword="true"/>) or a non-trading day (<see langword="false"/>) of the <see cref="ITradingCalendar"/>.</summary>
    public bool? TradingDay { get; set; }

    /// <summary>Gets or sets networks (CIDR, e.g. <c>10.0.0.0/8</c>) the request's source address must be in.</summary>
    /// <value>A request without a source address cannot be evaluated.</value>
    public IList<string> SourceNetworks { get; set; } = [];

    /// <summary>Gets or sets networks (CIDR) the request's source address must not be in.</summary>
    /// <value>A request without a source address cannot be evaluated.</value>
    public IList<string> SourceOutsideNetworks { get; set; } = [];
}
