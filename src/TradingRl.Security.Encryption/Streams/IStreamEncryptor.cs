namespace TradingRl.Security.Encryption;

/// <summary>Encrypts data of any size in constant memory as authenticated segments (a STREAM construction): streams, files and backups.</summary>
/// <remarks>
/// Truncation, reordering, duplication, dropped segments and appended data are detected: each segment's nonce holds its
/// index and a last-segment flag. No segment's plaintext is released before that segment is authenticated; a stream
/// whose decryption throws must be treated as invalid as a whole. File decryption writes to a temporary owner-only file
/// and renames it into place only when every segment authenticated. Thread-safe.
/// </remarks>
public interface IStreamEncryptor
{
    /// <summary>Encrypts a stream under the current data key.</summary>
    /// <param name="source">The plaintext, read to its end.</param>
    /// <param name="destination">Receives the stream header and the segments.</param>
    /// <param name="context">Bound as associated data to every segment; may be empty.</param>
    /// <param name="progress">Receives the plaintext bytes processed so far, after each segment.</param>
    /// <param name="cancellationToken">Cancels between segments.</param>
    /// <returns>The plaintext bytes encrypted.</returns>
    ValueTask<long> EncryptAsync(Stream source, Stream destination, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Authenticates and decrypts a stream segment by segment.</summary>
    /// <param name="source">The ciphertext stream.</param>
    /// <param name="destination">Receives each segment's plaintext once that segment authenticated.</param>
    /// <param name="context">The context given at encryption.</param>
    /// <param name="progress">Receives the plaintext bytes released so far.</param>
    /// <param name="cancellationToken">Cancels between segments.</param>
    /// <returns>The plaintext bytes released.</returns>
    /// <exception cref="DecryptionFailedException">The stream was truncated, reordered, duplicated, extended or altered, the context differs, or the key is unknown or revoked.</exception>
    ValueTask<long> DecryptAsync(Stream source, Stream destination, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Encrypts a file into a new file, segments in parallel across cores; the destination appears only when complete.</summary>
    /// <param name="sourcePath">The plaintext file.</param>
    /// <param name="destinationPath">The encrypted file to create; it must not exist.</param>
    /// <param name="context">Bound as associated data; may be empty.</param>
    /// <param name="progress">Receives the plaintext bytes processed so far.</param>
    /// <param name="cancellationToken">Cancels; nothing is left at the destination.</param>
    /// <returns>The plaintext bytes encrypted.</returns>
    ValueTask<long> EncryptFileAsync(string sourcePath, string destinationPath, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Decrypts a file into a new file, segments in parallel; the destination appears only when every segment authenticated.</summary>
    /// <param name="sourcePath">The encrypted file.</param>
    /// <param name="destinationPath">The plaintext file to create; it must not exist.</param>
    /// <param name="context">The context given at encryption.</param>
    /// <param name="progress">Receives the plaintext bytes processed so far.</param>
    /// <param name="cancellationToken">Cancels; nothing is left at the destination.</param>
    /// <returns>The plaintext bytes decrypted.</returns>
    /// <exception cref="DecryptionFailedException">The file was truncated, reordered, extended or altered, the context differs, or the key is unknown or revoked.</exception>
    ValueTask<long> DecryptFileAsync(string sourcePath, string destinationPath, ReadOnlyMemory<byte> context, IProgress<long>? progress = null, CancellationToken cancellationToken = default);
}
