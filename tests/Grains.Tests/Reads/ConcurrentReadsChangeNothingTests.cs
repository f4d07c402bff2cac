using System.Text.Json;
using LoCoPi.Grains.Interfaces.Accounts;
using LoCoPi.Grains.Interfaces.Cards;
using LoCoPi.Grains.Interfaces.Claims;
using LoCoPi.Grains.Interfaces.Daycare;
using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.PlaceStats;
using LoCoPi.Grains.Interfaces.Platform;
using LoCoPi.Grains.Interfaces.Readers;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Shelters;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Grains.Interfaces.Watch;
using LoCoPi.Grains.Tests.Support;

namespace LoCoPi.Grains.Tests.Reads;

/// <summary>
/// For every grain type with read-only methods: on a fresh activation (after a restart), sixteen
/// concurrent read-only calls store nothing and all see what a single read sees after another
/// restart, and the next write stores only its own change.
/// </summary>
public sealed class ConcurrentReadsChangeNothingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public Task Tenant() => CheckAsync(
        h => h.Get<ITenantGrain>("t1").DefineAsync(new TenantDefinition("t1", "Asahi", "Asia/Tokyo")),
        h => h.Get<ITenantGrain>("t1").GetAsync());

    [Fact]
    public Task Place() => CheckAsync(
        h => h.Get<IPlaceGrain>("p1").DefineAsync(new PlaceDefinition("p1", "Library", "facility", 10, null, null)),
        h => h.Get<IPlaceGrain>("p1").GetAsync());

    [Fact]
    public Task Reader() => CheckAsync(
        async h =>
        {
            await h.Get<IPlaceGrain>("p1").DefineAsync(new PlaceDefinition("p1", "Library", "facility", 10, null, null));
            await h.Get<IReaderGrain>("rd1").RegisterAsync(new ReaderRegistration("p1", ReaderModes.Visit, "token-hash"));
        },
        h => h.Get<IReaderGrain>("rd1").AuthenticateAsync("token-hash"));

    [Fact]
    public Task Card() => CheckAsync(
        async h =>
        {
            await h.Get<IResidentGrain>("r1").DefineAsync(new ResidentProfile("Hanako", 1990, null));
            await h.Get<ICardGrain>("c1").LinkAsync("r1");
        },
        h => h.Get<ICardGrain>("c1").GetAsync());

    [Fact]
    public Task Resident() => CheckAsync(
        async h =>
        {
            await h.Get<IResidentGrain>("r1").DefineAsync(new ResidentProfile("Hanako", 1990, null));
            await h.Get<ICardGrain>("c1").LinkAsync("r1");
            await h.Get<IResidentGrain>("r1").RecordTouchAsync(Touch("t1", "p1"));
            // A payment's points reach the resident only through the journal, read back on activation.
            await h.Get<IWalletGrain>("r1").ChargeAsync(new ChargeCommand("ch1", "hash", "c1", "p1", "rd1", 5_000, "Asia/Tokyo"));
            await h.Get<IWalletGrain>("r1").PayAsync(new PaymentCommand("pay1", "hash", "c1", "shop", "rd2", 1_000, "Asia/Tokyo"));
        },
        async h => (await h.Get<IResidentGrain>("r1").GetAsync(), await h.Get<IResidentGrain>("r1").GetRecentTouchesAsync()),
        write: h => h.Get<IResidentGrain>("r1").RecordTouchAsync(Touch("t2", "p2")),
        afterWrite: async h => Assert.Equal(20 + WalletRules.PointsFor(1_000), (await h.Get<IResidentGrain>("r1").GetAsync())!.PointsBalance));

    [Fact]
    public Task Operator() => CheckAsync(
        async h =>
        {
            await h.Get<IOperatorGrain>(IOperatorGrain.Key).SetAdminTokenHashAsync("admin-hash");
            await h.Get<IOperatorGrain>(IOperatorGrain.Key).AddTenantAsync("t1");
        },
        async h => (await h.Get<IOperatorGrain>(IOperatorGrain.Key).GetAdminTokenHashAsync(), await h.Get<IOperatorGrain>(IOperatorGrain.Key).GetTenantsAsync()));

    [Fact]
    public Task Account() => CheckAsync(
        async h =>
        {
            await h.Get<IAccountGrain>("a1").DefineAsync(new AccountDefinition(AccountRoles.Family, "Taro", GrainsHost.Passwords.Hash("correct horse")));
            var login = await h.Get<IAccountGrain>("a1").LoginAsync(new LoginAttempt("correct horse", new NewAccountToken("token-hash", TimeSpan.FromDays(1))));
            Assert.Equal(LoginResult.LoggedIn, login.Result);
        },
        async h => (await h.Get<IAccountGrain>("a1").GetAsync(), await h.Get<IAccountGrain>("a1").AuthenticateAsync("token-hash")));

    [Fact]
    public Task Place_stats() => CheckAsync(
        h => h.Get<IPlaceStatsGrain>("p1").ApplyTouchesAsync(new PlaceTouchBatch("Asia/Tokyo", [new PlaceTouch(1, "r1", TouchOutcomes.Visit, Now, true)])),
        h => h.Get<IPlaceStatsGrain>("p1").GetSnapshotAsync());

    [Fact]
    public Task Place_stats_directory() => CheckAsync(
        h => h.Get<IPlaceStatsDirectoryGrain>(IPlaceStatsDirectoryGrain.Key).AddPlacesAsync(["p1", "p2"]),
        h => h.Get<IPlaceStatsDirectoryGrain>(IPlaceStatsDirectoryGrain.Key).GetPlacesAsync(),
        write: h => h.Get<IPlaceStatsDirectoryGrain>(IPlaceStatsDirectoryGrain.Key).AddPlacesAsync(["p3"]),
        afterWrite: async h => Assert.Equal(["p1", "p2", "p3"], await h.Get<IPlaceStatsDirectoryGrain>(IPlaceStatsDirectoryGrain.Key).GetPlacesAsync()));

    [Fact]
    public Task Shelter_roster() => CheckAsync(
        h => h.Get<IShelterRosterGrain>("s1").ApplyTouchesAsync([new RosterTouch(1, "r1", TouchOutcomes.CheckedIn, Now)]),
        h => h.Get<IShelterRosterGrain>("s1").GetEvacueesAsync());

    [Fact]
    public Task Daycare() => CheckAsync(
        async h =>
        {
            await h.Get<IDaycareGrain>("d1").EnrolAsync("child", "guardian");
            await h.Get<IDaycareGrain>("d1").ApplyGuardianTouchAsync(new GuardianTouch(1, "guardian", TouchOutcomes.CheckedIn, Now));
        },
        h => h.Get<IDaycareGrain>("d1").GetPresentAsync());

    [Fact]
    public Task Staff_inactivity() => CheckAsync(
        h => h.Get<IStaffInactivityGrain>(IStaffInactivityGrain.TownKey).ApplyAsync(
            [new InactivityChange(1, "r1", new InactiveResident("r1", null, Now, null, null, Now, 1), Now)]),
        h => h.Get<IStaffInactivityGrain>(IStaffInactivityGrain.TownKey).GetInactiveAsync());

    [Fact]
    public Task Watch_inbox() => CheckAsync(
        async h =>
        {
            var alerts = Enumerable.Range(1, 70).Select(i => new WatchAlert("r1", null, "p1", null, "visit", Now, i)).ToList();
            await h.Get<IWatchInboxGrain>("a1").AddAlertsAsync(alerts);
            await h.Get<IWatchInboxGrain>("a1").SetWatchedAsync("r1", true);
        },
        async h => (await h.Get<IWatchInboxGrain>("a1").GetAlertsAsync(0), await h.Get<IWatchInboxGrain>("a1").GetWatchedAsync()));

    [Fact]
    public Task Watch_links() => CheckAsync(
        h => h.Get<IWatchLinksGrain>("r1").LinkAsync(new WatchLink("a1", "guardian", Now)),
        h => h.Get<IWatchLinksGrain>("r1").GetLinksAsync());

    [Fact]
    public Task Claimed_requests() => CheckAsync(
        async h =>
        {
            await h.Get<IResidentGrain>("r1").DefineAsync(new ResidentProfile("Hanako", 1990, null));
            await h.Get<ICardGrain>("c1").LinkAsync("r1");
            await h.Get<IResidentGrain>("r1").RecordTouchAsync(Touch("t1", "p1"));
        },
        async h => (await h.Get<IClaimedRequestsGrain>(TouchReply.ClaimScope).FindTouchAnswerAsync("t1", "hash-t1"),
            await h.Get<IClaimedRequestsGrain>(TouchReply.ClaimScope).FindTouchAnswerAsync("t1", "another body")));

    [Fact]
    public Task Wallet() => CheckAsync(
        async h =>
        {
            await h.Get<IWalletGrain>("r1").ChargeAsync(new ChargeCommand("ch1", "hash", "c1", "p1", "rd1", 5_000, "Asia/Tokyo"));
            await h.Get<IWalletGrain>("r1").PayAsync(new PaymentCommand("pay1", "hash", "c1", "shop", "rd2", 1_000, "Asia/Tokyo"));
        },
        async h => (await h.Get<IWalletGrain>("r1").GetAsync(), await h.Get<IWalletGrain>("r1").GetRecentMovesAsync()),
        write: h => h.Get<IWalletGrain>("r1").PayAsync(new PaymentCommand("pay2", "hash", "c1", "shop", "rd2", 500, "Asia/Tokyo")),
        afterWrite: async h => Assert.Equal(3_500, (await h.Get<IWalletGrain>("r1").GetAsync()).BalanceYen));

    [Fact]
    public Task Grant_book() => CheckAsync(
        h => h.Get<IGrantBookGrain>("t1").AddAsync("g1", Today),
        h => h.Get<IGrantBookGrain>("t1").DueAsync(Today));

    [Fact]
    public Task Ledger() => CheckAsync(
        h => h.Get<ILedgerGrain>("t1").ApplyAsync(new LedgerBatch(1, [new LedgerPosting(1, "charge:ch1", MoneyKinds.Charge, Today, null,
            [new LedgerLine(LedgerAccounts.CashIn, 1_000, 0), new LedgerLine(LedgerAccounts.WalletPrefix + "r1:paid", 0, 1_000)])])),
        async h => (await h.Get<ILedgerGrain>("t1").GetSummaryAsync(), await h.Get<ILedgerGrain>("t1").GetUnusedBalanceAsync(Today),
            await h.Get<ILedgerGrain>("t1").GetSpendByCategoryAsync()));

    [Fact]
    public Task Merchant() => CheckAsync(
        async h =>
        {
            await h.Get<IMerchantGrain>("shop").RecordSalesAsync(new MerchantSales(1, [new MerchantSale(1, "pay1", Today, 1_000)]));
            await h.Get<IMerchantGrain>("shop").LinkAccountAsync("m1");
        },
        async h => (await h.Get<IMerchantGrain>("shop").GetStatementAsync(Today, Today), await h.Get<IMerchantGrain>("shop").IsLinkedAsync("m1")));

    /// <summary>
    /// Arranges, restarts, runs sixteen concurrent reads on the fresh activation, and checks they
    /// stored nothing and agree with one read after another restart; then the optional write.
    /// </summary>
    private static async Task CheckAsync<T>(
        Func<GrainsHost, Task> arrange, Func<GrainsHost, Task<T>> read,
        Func<GrainsHost, Task>? write = null, Func<GrainsHost, Task>? afterWrite = null)
    {
        await using var host = await GrainsHost.StartAsync();
        await arrange(host);
        await host.RestartAsync();
        var writes = host.Storage.Writes;

        var seen = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => read(host)));

        Assert.Equal(writes, host.Storage.Writes);
        await host.RestartAsync();
        var expected = Fingerprint(await read(host));
        Assert.All(seen, s => Assert.Equal(expected, Fingerprint(s)));
        if (write is not null)
        {
            await host.RestartAsync();
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => read(host)));
            await write(host);
            await host.RestartAsync();
            await afterWrite!(host);
        }
    }

    private static readonly JsonSerializerOptions FingerprintOptions = new() { IncludeFields = true };

    private static string Fingerprint<T>(T value) => JsonSerializer.Serialize(value, FingerprintOptions);

    private static TouchCommand Touch(string touchId, string placeId) => new(
        touchId, "hash-" + touchId, "c1", placeId, "reader-" + placeId, ReaderModes.Visit, 10, "Asia/Tokyo", Now);
}
