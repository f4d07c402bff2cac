using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// Focused wallet tests through the real HTTP edge, written once and run on every storage provider
/// by thin wrappers. Each test makes its own tenant and puts the clock back first.
/// </summary>
public abstract partial class WalletSuite(SiloFixture silo)
{
    protected SiloFixture Silo { get; } = silo;

    protected async Task<WalletTown> TownAsync(int shops = 2, int residents = 2)
    {
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 2, 3, 0, 0, TimeSpan.Zero));
        return await WalletTown.CreateAsync(Silo, shops, residents);
    }
}

public sealed class SqliteWalletTests(SqliteSiloFixture silo) : WalletSuite(silo), IClassFixture<SqliteSiloFixture>;

public sealed class PostgresWalletTests(PostgresSiloFixture silo) : WalletSuite(silo), IClassFixture<PostgresSiloFixture>;
