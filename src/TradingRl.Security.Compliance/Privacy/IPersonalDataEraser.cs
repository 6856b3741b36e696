namespace TradingRl.Security.Compliance.Evidence;

/// <summary>Erases a data subject's personal data from one store, preferably by crypto-shredding (destroying the subject's key), and returns the evidence.</summary>
/// <remarks>A host adapts the Encryption package's <c>ISubjectEncryptor.EraseSubject</c> (returning its <c>EvidenceDigest</c>) and its own stores to it.
/// Implementations are idempotent: erasing a subject already erased returns <see langword="null"/>, so a failed request can be retried.</remarks>
public interface IPersonalDataEraser
{
    /// <summary>Gets the store's name in the erasure evidence, e.g. <c>subject-keys</c>.</summary>
    /// <value>1 to 48 characters of <c>a-z 0-9 . _ -</c>, unique among the registered erasers.</value>
    string Name { get; }

    /// <summary>Erases everything the store holds about the subject.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>An evidence reference of 1 to 256 characters (e.g. the erasure evidence digest), or <see langword="null"/> when the store held nothing about the subject.</returns>
    ValueTask<string?> EraseAsync(string subject, CancellationToken cancellationToken = default);
}
