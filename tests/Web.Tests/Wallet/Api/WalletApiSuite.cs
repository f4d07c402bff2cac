using LoCoPi.Web.Tests.Support;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet.Api;

/// <summary>
/// The money rows of API.md (payments, charges, grants, refunds, ledger summary) and every error
/// code they answer, through real HTTP, written once and run on every storage provider. Each test
/// makes its own tenant and ends by checking the ledger summary's identity against what it expects.
/// </summary>
public abstract partial class WalletApiSuite(SiloFixture silo)
{
    protected SiloFixture Silo { get; } = silo;

    /// <summary>A new tenant with a shop "shop-1" (pay reader "pay-1"), a charge point (reader "charge-1") and residents r1..rN with cards c1..cN.</summary>
    protected async Task<MoneyTown> MoneyTownAsync(int residents = 2, string? language = null)
    {
        Silo.Clock.Set(new DateTimeOffset(2025, 6, 2, 3, 0, 0, TimeSpan.Zero));
        return await MoneyTown.CreateAsync(Silo, residents, language);
    }
}

public sealed class SqliteWalletApiTests(SqliteSiloFixture silo) : WalletApiSuite(silo), IClassFixture<SqliteSiloFixture>;

public sealed class PostgresWalletApiTests(PostgresSiloFixture silo) : WalletApiSuite(silo), IClassFixture<PostgresSiloFixture>;
