namespace TradingRl.Security.Compliance.Evidence;

/// <summary>A holder of personal data (the user store, the session store, a host's own tables) that contributes a section to a subject export.</summary>
/// <remarks>The host registers one per store (e.g. an adapter over the Auth package's user and session stores). Each item is a flat set of named values; secrets (password hashes, MFA secrets, tokens) must not be returned.</remarks>
public interface IPersonalDataSource
{
    /// <summary>Gets the section name in the export, e.g. <c>user</c> or <c>sessions</c>.</summary>
    string Name { get; }

    /// <summary>Returns everything this source holds about the subject, and nothing about anyone else.</summary>
    /// <param name="subject">The data subject.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The items; empty when none.</returns>
    ValueTask<IReadOnlyList<IReadOnlyDictionary<string, string?>>> ExportAsync(string subject, CancellationToken cancellationToken = default);
}
