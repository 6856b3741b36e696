using Microsoft.Extensions.DependencyInjection;
using TradingRl.Security.Auth.RefreshTokens;
using TradingRl.Security.Auth.Users;
using TradingRl.Security.Compliance.Audit;
using TradingRl.Security.Encryption;
using TradingRl.Security.Incidents;
using TradingRl.Security.Tests.Contracts;

namespace TradingRl.Security.Tests;

public sealed class InMemoryRefreshTokenStoreContractTests : RefreshTokenStoreContract
{
    protected override IRefreshTokenStore CreateStore() => new InMemoryRefreshTokenStore();
}

[ContractServer("TRADINGRL_POSTGRES")]
public sealed class PostgreSqlRefreshTokenStoreContractTests(PostgreSqlDatabase database) : RefreshTokenStoreContract, IClassFixture<PostgreSqlDatabase>
{
    protected override IRefreshTokenStore CreateStore() => database.Host.GetRequiredService<IRefreshTokenStore>();
}

public sealed class InMemoryUserStoreContractTests : UserStoreContract
{
    protected override IUserStore CreateStore() => new InMemoryUserStore();
}

[ContractServer("TRADINGRL_POSTGRES")]
public sealed class PostgreSqlUserStoreContractTests(PostgreSqlDatabase database) : UserStoreContract, IClassFixture<PostgreSqlDatabase>
{
    protected override IUserStore CreateStore() => database.Host.GetRequiredService<IUserStore>();
}

public sealed class InMemoryIncidentStoreContractTests : IncidentStoreContract
{
    protected override IIncidentStore CreateStore() => new InMemoryIncidentStore();
}

public sealed class FileIncidentStoreContractTests : IncidentStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tradingrl-incidents-" + Guid.NewGuid().ToString("N"));
    private readonly List<FileIncidentStore> _stores = [];

    public void Dispose()
    {
        foreach (var s in _stores)
        {
            s.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    protected override IIncidentStore CreateStore()
    {
        var store = new FileIncidentStore(_directory);
        _stores.Add(store);
        return store;
    }
}

[ContractServer("TRADINGRL_POSTGRES")]
public sealed class PostgreSqlIncidentStoreContractTests(PostgreSqlDatabase database) : IncidentStoreContract, IClassFixture<PostgreSqlDatabase>
{
    protected override IIncidentStore CreateStore() => database.Host.GetRequiredService<IIncidentStore>();
}

public sealed class InMemoryKeyRingStoreContractTests : KeyRingStoreContract
{
    protected override IKeyRingStore CreateStore() => new InMemoryKeyRingStore();
}

public sealed class FileKeyRingStoreContractTests : KeyRingStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tradingrl-keyring-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override IKeyRingStore CreateStore()
    {
        var dir = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new FileKeyRingStore(dir);
    }
}

[ContractServer("TRADINGRL_POSTGRES")]
public sealed class PostgreSqlKeyRingStoreContractTests(PostgreSqlDatabase database) : KeyRingStoreContract, IClassFixture<PostgreSqlDatabase>
{
    protected override IKeyRingStore CreateStore()
    {
        var schema = database.NewSchema();
        return database.NewHost(options: o => o.Schema = schema).GetRequiredService<IKeyRingStore>();
    }
}

public sealed class InMemoryAuditStoreContractTests : AuditStoreContract
{
    protected override IAuditStore CreateStore() => new InMemoryAuditStore();
}

public sealed class FileAuditStoreContractTests : AuditStoreContract, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tradingrl-audit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    protected override IAuditStore CreateStore() => new FileAuditStore(Path.Combine(_directory, Guid.NewGuid().ToString("N")));
}

[ContractServer("TRADINGRL_POSTGRES")]
public sealed class PostgreSqlAuditStoreContractTests(PostgreSqlDatabase database) : AuditStoreContract, IClassFixture<PostgreSqlDatabase>
{
    protected override IAuditStore CreateStore()
    {
        var schema = database.NewSchema();
        return database.NewHost(options: o => o.Schema = schema).GetRequiredService<IAuditStore>();
    }
}
