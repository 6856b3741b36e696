namespace TradingRl.Security.Compliance.Evidence;

/// <summary>The result of verifying an evidence pack: valid, or the list of what does not hold.</summary>
public sealed class EvidencePackVerification
{
    /// <summary>Initializes a result.</summary>
    /// <param name="problems">What does not hold; empty when the pack verifies.</param>
    /// <param name="filesChecked">How many files' hashes were recomputed.</param>
    /// <param name="checkpointTreeSize">The tree size the checkpoint signs, when it could be read.</param>
    public EvidencePackVerification(IReadOnlyList<string> problems, int filesChecked, long? checkpointTreeSize)
    {
        ArgumentNullException.ThrowIfNull(problems);
        Problems = problems;
        FilesChecked = filesChecked;
        CheckpointTreeSize = checkpointTreeSize;
    }

    /// <summary>Gets a value indicating whether every check held.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>Gets what does not hold, one sentence each.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Gets how many files' hashes were recomputed.</summary>
    public int FilesChecked { get; }

    /// <summary>Gets the tree size the checkpoint signs, when it could be read.</summary>
    public long? CheckpointTreeSize { get; }

    /// <inheritdoc/>
    public override string ToString() => IsValid ? $"Valid: {FilesChecked} files, checkpoint size {CheckpointTreeSize}." : "Invalid: " + string.Join(" ", Problems);
}
