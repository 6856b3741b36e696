using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TradingRl.Security.Encryption;

/// <summary>Registers the Encryption package on the TradingRl.Security builder.</summary>
public static class EncryptionServiceCollectionExtensions
{
    /// <summary>Adds envelope encryption with a key ring, the secret protector, subkey derivation, crypto-shredding, classified-field serialization, log redaction and stream encryption.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options, e.g. <c>o =&gt; o.KeyRingDirectory = "data/keys"</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice. The key ring loads when the host starts: a missing or corrupt ring stops the start with a <see cref="KeyRingException"/>.</remarks>
    public static ITradingSecurityBuilder AddEncryption(this ITradingSecurityBuilder builder, Action<EncryptionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return AddEncryptionCore(builder);
    }

    /// <summary>Adds the Encryption package with options bound from configuration.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The configuration section, e.g. <c>configuration.GetSection("Encryption")</c>.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>Safe to call twice.</remarks>
    public static ITradingSecurityBuilder AddEncryption(this ITradingSecurityBuilder builder, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.Services.Configure<EncryptionOptions>(section);
        return AddEncryptionCore(builder);
    }

    private static ITradingSecurityBuilder AddEncryptionCore(ITradingSecurityBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<EncryptionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsSecurityValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IKeyRingStore>(static sp => new FileKeyRingStore(RingDirectory(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value)));
        services.TryAddSingleton<IKeyEncryptionKeyProvider>(static sp => CreateKeyEncryptionKey(sp.GetRequiredService<IOptions<EncryptionOptions>>().Value, sp.GetRequiredService<IKeyRingStore>()));
        services.TryAddSingleton<KeyRing>();
        services.TryAddSingleton<IEnvelopeEncryptor, EnvelopeEncryptor>();
        services.TryAddSingleton<ISecretProtector, SecretProtector>();
        services.TryAddSingleton<IPurposeKeyDeriver>(static sp => new PurposeKeyDeriver(sp.GetRequiredService<KeyRing>()));
        services.TryAddSingleton<ISubjectKeyStore>(static sp =>
        {
            var o = sp.GetRequiredService<IOptions<EncryptionOptions>>().Value;
            return new FileSubjectKeyStore(o.SubjectKeyDirectory ?? Path.Combine(RingDirectory(o), "subjects"));
        });
        services.TryAddSingleton<ISubjectEncryptor, SubjectEncryptor>();
        services.AddRedaction(static r => r
            .SetRedactor<NullRedactor>(TradingDataClassifications.Public)
            .SetRedactor<ClassifiedValueRedactor>(TradingDataClassifications.Internal, TradingDataClassifications.Confidential, TradingDataClassifications.Restricted)
            .SetFallbackRedactor<ClassifiedValueRedactor>());
        services.TryAddSingleton<IClassifiedJsonSerializer>(static sp => new ClassifiedJsonSerializer(sp.GetRequiredService<IEnvelopeEncryptor>(), sp.GetRequiredService<IRedactorProvider>(), null, sp.GetService<TradingRl.Security.Events.ISecurityEventPublisher>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IStreamEncryptor, StreamEncryptor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EncryptionStartupService>());
        return builder;
    }

    private static string RingDirectory(EncryptionOptions options) =>
        options.KeyRingDirectory ?? throw new OptionsValidationException(nameof(EncryptionOptions), typeof(EncryptionOptions), ["Encryption:KeyRingDirectory is required: the key ring must survive restarts, or data written before one is lost."]);

    private static LocalMasterKeyProvider CreateKeyEncryptionKey(EncryptionOptions options, IKeyRingStore store)
    {
        if (options.MasterKey is { } base64)
        {
            var bytes = Convert.FromBase64String(base64);
            try
            {
                return new LocalMasterKeyProvider(bytes);
            }
            finally
            {
                Array.Clear(bytes);
            }
        }

        var path = options.MasterKeyPath ?? Path.Combine(RingDirectory(options), FileKeyRingStore.MasterKeyFileName);
        if (!options.CreateIfMissing && !File.Exists(path) && store.IsEmpty())
        {
            throw new KeyRingException(KeyRingFailureReason.NotFound, $"No key ring and no master key were found at '{store.Location}'. If this is the first run, set Encryption:CreateIfMissing to true once; otherwise restore the key-ring directory from backup.");
        }

        return !File.Exists(path) && options.CreateIfMissing && store.IsEmpty() && store.Read() is null
            ? LocalMasterKeyProvider.CreateFile(path)
            : LocalMasterKeyProvider.LoadFile(path);
    }
}
