using TradingRl.Security.Compliance.Audit;

namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Reads the audit records of a period in sequence order, page by page, refusing a period larger than the configured limit.</summary>
internal static class AuditPeriodReader
{
    private const int PageSize = 100_000;

    /// <summary>Reads records with <c>recorded_at &lt; to</c>; those before <paramref name="from"/> go to <paramref name="before"/> (when given) and are not kept.</summary>
    public static async ValueTask<List<AuditRecord>> ReadAsync(
        AuditTrail trail, DateTimeOffset from, DateTimeOffset to, int maxRecords, Action<AuditRecord>? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trail);
        if (to <= from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The period end must be after its start ({from:O}).");
        }

        var kept = new List<AuditRecord>();
        var next = 0L;
        while (true)
        {
            var page = 0;
            var query = new AuditQuery { FromSequence = next, From = before is null ? from : null, To = to, Limit = PageSize };
            await foreach (var r in trail.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            {
                page++;
                next = r.Sequence + 1;
                if (r.RecordedAt < from)
                {
                    before?.Invoke(r);
                    continue;
                }

                if (kept.Count == maxRecords)
                {
                    throw new InvalidOperationException(
                        $"The period {from:O} to {to:O} holds more than {maxRecords} audit records (EvidenceOptions.MaxRecords); choose a shorter period or raise the limit.");
                }

                kept.Add(r);
            }

            if (page < PageSize)
            {
                return kept;
            }
        }
    }
}
