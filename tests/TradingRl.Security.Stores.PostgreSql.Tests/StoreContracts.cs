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

[NeedsServer("TRADINGRL_POSTGRES")]
public sealed class PostgreSqlRefreshTokenStoreContractTests(PostgreSqlDatabase database) : RefreshTokenStoreContract, IClassFixture<PostgreSqlDatabase>
{
    protected override IRefreshTokenStore CreateStore() => database.Host.GetRequiredService<IRefreshTokenStore>();
}

public sealed class InMemoryUserStoreContractTests : UserStoreContract
{
    protected override IUserStore CreateStore() => new InMemoryUserStore();
}

[NeedsServer("TRADINGRL_POSTGRES")]
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
    private readonly TempDirectory _directory = new("tradingrl-incidents");
    private readonly List<FileIncidentStore> _stores = [];

    public void Dispose()
    {
        _stores.ForEach(s => s.Dispose());
        _directory.Dispose();
    }

    protected override IIncidentStore CreateStore()
    {
        var store = new FileIncidentStore(_directory.Path);
        _stores.Add(store);
        return store;
    }
}

[NeedsServer("TRADINGRL_POSTGRES")]
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
    private readonly TempDirectory _directory = new("tradingrl-keyring");

    public void Dispose() => _directory.Dispose();

    protected override IKeyRingStore CreateStore() => new FileKeyRingStore(Directory.CreateDirectory(_directory.Sub()).FullName);
}

[NeedsServer("TRADINGRL_POSTGRES")]
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
    private readonly TempDirectory _directory = new("tradingrl-audit");

    public void Dispose() => _directory.Dispose();

    protected override IAuditStore CreateStore() => new FileAuditStore(_directory.Sub());
}

[NeedsServer("TRADINGRL_POSTGRES")]
public sealed class PostgreSqlAuditStoreContractTests(PostgreSqlDatabase database) : AuditStoreContract, IClassFixture<PostgreSqlDatabase>
{
    protected override IAuditStore CreateStore()
    {
        var schema = database.NewSchema();
        return database.NewHost(options: o => o.Schema = schema).GetRequiredService<IAuditStore>();
    }
}
