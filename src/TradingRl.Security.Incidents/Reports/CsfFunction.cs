namespace TradingRl.Security.Incidents;

/// <summary>The six functions of the NIST Cybersecurity Framework 2.0, onto which NIST SP 800-61 Rev. 3 maps incident response.</summary>
public enum CsfFunction
{
    /// <summary>GV: the organisation's risk strategy, roles and policy.</summary>
    Govern = 0,

    /// <summary>ID: understanding risk, including improvement from lessons learned (ID.IM).</summary>
    Identify = 1,

    /// <summary>PR: safeguards.</summary>
    Protect = 2,

    /// <summary>DE: finding and analysing adverse events (DE.CM, DE.AE).</summary>
    Detect = 3,

    /// <summary>RS: managing, analysing, mitigating and reporting an incident (RS.MA, RS.AN, RS.CO, RS.MI).</summary>
    Respond = 4,

    /// <summary>RC: restoring assets and operations (RC.RP, RC.CO).</summary>
    Recover = 5,
}
