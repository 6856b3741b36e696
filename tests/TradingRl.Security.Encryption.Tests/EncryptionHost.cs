using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TradingRl.Security.Testing;

namespace TradingRl.Security.Encryption.Tests;

/// <summary>A service provider composed as a host would: AddTradingSecurity + AddEncryption over a key-ring directory.</summary>
internal sealed class EncryptionHost : IDisposable
{
    public EncryptionHost(string directory, FakeTimeProvider clock, Action<EncryptionOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddTradingSecurity(b => b
            .AddEncryption(o =>
            {
                o.KeyRingDirectory = directory;
                configure?.Invoke(o);
            })
            .AddEventSubscriber<CollectingSecurityEventSubscriber>());
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ServiceProvider Services { get; }

    public KeyRing Ring => Services.GetRequiredService<KeyRing>();

    public IEnvelopeEncryptor Encryptor => Services.GetRequiredService<IEnvelopeEncryptor>();

    public CollectingSecurityEventSubscriber Events => (CollectingSecurityEventSubscriber)Services.GetServices<Events.ISecurityEventSubscriber>().Single(s => s is CollectingSecurityEventSubscriber);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<IReadOnlyList<Events.SecurityEvent>> EventsOfAsync(string type, int atLeast = 1)
    {
        for (var i = 0; i < 1_000 && Events.OfType(type).Count < atLeast; i++) // up to 10 s on a loaded machine
        {
            await Task.Delay(10);
        }

        return Events.OfType(type);
    }

    public void Dispose() => Services.Dispose();
}
