namespace TradingRl.Security.Compliance.Evidence;

/// <summary>What an erasure request did: the stores erased with their evidence, and the consents withdrawn.</summary>
/// <param name="RequestId">The request id, as in the audit records.</param>
/// <param name="Evidence">Per store name, its evidence reference; stores that held nothing are absent.</param>
/// <param name="ConsentsWithdrawn">How many active consents were withdrawn.</param>
/// <param name="ErasedAt">When the erasure completed.</param>
public sealed record SubjectErasureResult(string RequestId, IReadOnlyDictionary<string, string> Evidence, int ConsentsWithdrawn, DateTimeOffset ErasedAt);
