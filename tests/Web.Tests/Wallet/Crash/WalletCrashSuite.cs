using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Restart;
using LoCoPi.Web.Tests.Support;
using LoCoPi.Web.Tests.Wallet.Api;
using Xunit;
using Xunit.Abstractions;

namespace LoCoPi.Web.Tests.Wallet.Crash;

/// <summary>
/// Issue 4's crash test: 50 readers (40 pay readers at five shops, 10 charge readers) pay and charge
/// over HTTP against the real Silo process, which is SIGKILLed in the middle of the load and started
/// again on the same storage. Each reader then retries the request it never heard back about, with
/// the same id and body. Checked from the journal itself and through the API: every approved
/// operation is in the journal exactly once and balanced, nothing else moved money, every retry has
/// exactly one outcome (asking again gives the same answer), every answer before the crash is
/// answered the same after it, each wallet equals its journalled lines, and the ledger summary
/// shows exactly the approved totals with its identity holding.
/// </summary>
public abstract class WalletCrashSuite(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "wallet-crash";
    private const int Shops = 5;
    private const int PayReaders = 40;
    private const int ChargeReaders = 10;
    private const int Residents = 60;
    private const long OpeningChargeYen = 20_000;
    private const int AnswersBeforeKill = 1_500;

    protected string WorkDirectory { get; } = Directory.CreateTempSubdirectory("locopi-wallet-crash-").FullName;

    /// <summary>The Silo's storage arguments and environment; the same every start, so a restart finds the data.</summary>
    protected abstract Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync();

    /// <summary>Opens the same storage the Silo used, to read its journal directly.</summary>
    protected abstract Task<IGrainStorage> OpenStorageAsync();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(WorkDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Money_approved_before_a_sigkill_is_journalled_once_and_every_retry_gets_exactly_one_outcome()
    {
        var (arguments, environment) = await StorageAsync();
        environment["LOCOPI_ADMIN_TOKEN"] = SiloFixture.AdminToken;
        var port = SiloProcess.FreePort();
        var silo = await SiloProcess.StartAsync(port, WorkDirectory, arguments, environment);
        var (readers, openings) = await SetUpTownAsync(silo.BaseAddress);

        var answered = new ConcurrentDictionary<string, Answer>();
        var unanswered = new ConcurrentDictionary<string, MoneyRequest>();
        using (var load = new CancellationTokenSource())
        {
            var running = readers.Select((reader, i) => LoadUntilGoneAsync(silo.BaseAddress, reader, i, answered, unanswered, load.Token)).ToArray();

            // Kill in the middle of the load, with writes certainly in flight.
            await WaitUntilAsync(() => answered.Count >= AnswersBeforeKill, TimeSpan.FromSeconds(60), () => silo.RecentOutput);
            await silo.KillAsync();
            await Task.WhenAll(running);
        }

        await using (silo)
        {
        }

        Assert.All(answered.Values, a => Assert.Contains(a.Status, Outcomes));
        // Which of the unanswered requests had committed before the kill: their retries must be
        // answered from the stored answer, not applied again (checked below by "exactly once").
        var committedAtKill = (await ReadMoneyEntriesAsync()).Select(e => e.EntryId).ToHashSet();
        var committedButUnanswered = unanswered.Values.Count(r => committedAtKill.Contains((r.Pays ? "payment:" : "charge:") + r.Id));
        await using var restarted = await SiloProcess.StartAsync(port, WorkDirectory, arguments, environment);

        // Each reader retries what it never heard back about, then asks once more: one outcome each.
        var retried = new ConcurrentDictionary<string, Answer>();
        await Parallel.ForEachAsync(unanswered.Values, async (request, _) =>
        {
            using var http = Client(restarted.BaseAddress, request.Token);
            var first = await SendAsync(http, request);
            var again = await SendAsync(http, request);
            Assert.Contains(first.Status, Outcomes);
            Assert.Equal(first, again);
            retried[request.Id] = first;
        });
        Assert.NotEmpty(retried);

        // Everything answered before the crash is answered the same after it.
        await Parallel.ForEachAsync(answered.Values, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (first, _) =>
        {
            using var http = Client(restarted.BaseAddress, first.Request.Token);
            Assert.Equal(first, await SendAsync(http, first.Request));
        });

        var approved = answered.Values.Concat(retried.Values).Where(a => a.Status == HttpStatusCode.OK).Select(a => a.Request).Concat(openings).ToList();
        var entries = await ReadMoneyEntriesAsync();
        output.WriteLine($"answered before the kill: {answered.Count} ({answered.Values.Count(a => a.Status == HttpStatusCode.OK)} approved); " +
            $"retried after the restart: {retried.Count} ({string.Join(", ", retried.Values.GroupBy(a => (int)a.Status).Select(g => $"{g.Key}: {g.Count()}"))}); " +
            $"of them committed before the kill but never answered: {committedButUnanswered}; " +
            $"approved in all (with {openings.Count} opening charges): {approved.Count}; money.moved entries: {entries.Count}");
        AssertJournalHoldsExactlyTheApprovedOperationsOnce(approved, entries);
        await AssertWalletsAndSummaryMatchTheJournalAsync(restarted.BaseAddress, approved, entries);
    }

    private static readonly HttpStatusCode[] Outcomes = [HttpStatusCode.OK, HttpStatusCode.PaymentRequired, HttpStatusCode.UnprocessableEntity];

    private static async Task<(List<Reader> Readers, List<MoneyRequest> Openings)> SetUpTownAsync(Uri baseAddress)
    {
        using var admin = new AdminApi(baseAddress, SiloFixture.AdminToken);
        await admin.PutAsync($"api/v1/tenants/{Tenant}", new { name = "クラッシュ町", timeZone = "Asia/Tokyo" });
        await admin.PutAsync($"api/v1/tenants/{Tenant}/places/hall", new { name = "役場", kind = "charge_point" });
        for (var s = 0; s < Shops; s++)
        {
            await admin.PutAsync($"api/v1/tenants/{Tenant}/places/shop-{s}", new { name = $"商店{s}", kind = "shop", category = "retail" });
        }

        await Parallel.ForAsync(0, Residents, async (i, _) =>
        {
            await admin.PutAsync($"api/v1/tenants/{Tenant}/residents/r{i}", new { displayName = $"住民{i}" });
            await admin.PutAsync($"api/v1/tenants/{Tenant}/cards/c{i}", new { residentId = $"r{i}" });
        });

        var readers = new List<Reader>();
        for (var i = 0; i < PayReaders; i++)
        {
            readers.Add(new Reader(true, await admin.PutReaderAsync(Tenant, $"pay-{i}", $"shop-{i % Shops}", "pay")));
        }

        for (var i = 0; i < ChargeReaders; i++)
        {
            readers.Add(new Reader(false, await admin.PutReaderAsync(Tenant, $"charge-{i}", "hall", "charge")));
        }

        // Opening balances, so most payments approve; these are approved operations like any other.
        using var http = Client(baseAddress, readers[PayReaders].Token);
        var openings = new List<MoneyRequest>();
        for (var i = 0; i < Residents; i++)
        {
            var opening = new MoneyRequest(false, $"open-{i}", $"c{i}", OpeningChargeYen, readers[PayReaders].Token);
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, opening)).Status);
            openings.Add(opening);
        }

        return (readers, openings);
    }

    private static async Task LoadUntilGoneAsync(
        Uri baseAddress, Reader reader, int index,
        ConcurrentDictionary<string, Answer> answered, ConcurrentDictionary<string, MoneyRequest> unanswered, CancellationToken cancellationToken)
    {
        using var http = Client(baseAddress, reader.Token);
        var random = new Random(index);
        for (var n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var card = $"c{random.Next(Residents)}";
            var request = reader.Pays
                ? new MoneyRequest(true, $"p-{index}-{n}", card, random.Next(1, 3_000), reader.Token)
                : new MoneyRequest(false, $"ch-{index}-{n}", card, 1_000 * random.Next(1, 6), reader.Token);
            try
            {
                answered[request.Id] = await SendAsync(http, request);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                unanswered[request.Id] = request; // the Silo is gone: this reader never heard back
                return;
            }
        }
    }

    private static void AssertJournalHoldsExactlyTheApprovedOperationsOnce(List<MoneyRequest> approved, List<MoneyEntry> entries)
    {
        var duplicated = entries.GroupBy(e => e.EntryId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} entries journalled more than once, e.g. {duplicated.FirstOrDefault()}");
        Assert.All(entries, e => Assert.True(e.Balanced, $"entry {e.EntryId} does not balance"));

        var journalled = entries.Where(e => e.Kind is "payment" or "charge").ToDictionary(e => e.EntryId);
        var expected = approved.ToDictionary(r => (r.Pays ? "payment:" : "charge:") + r.Id);
        var missing = expected.Keys.Except(journalled.Keys).ToList();
        var extra = journalled.Keys.Except(expected.Keys).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} approved operations are not in the journal, e.g. {missing.FirstOrDefault()}");
        Assert.True(extra.Count == 0, $"{extra.Count} journalled operations were never approved to anyone, e.g. {extra.FirstOrDefault()}");
        Assert.All(expected, pair => Assert.Equal(pair.Value.AmountYen, journalled[pair.Key].AmountYen));
        Assert.All(entries, e => Assert.Contains(e.Kind, new[] { "payment", "charge" }));
    }

    private static async Task AssertWalletsAndSummaryMatchTheJournalAsync(Uri baseAddress, List<MoneyRequest> approved, List<MoneyEntry> entries)
    {
        using var admin = new AdminApi(baseAddress, SiloFixture.AdminToken);
        for (var i = 0; i < Residents; i++)
        {
            var card = $"c{i}";
            var expected = approved.Where(r => r.CardId == card).Sum(r => r.Pays ? -r.AmountYen : r.AmountYen);
            var journalled = entries.Sum(e => e.WalletChange($"r{i}"));
            var resident = await admin.GetAsync($"api/v1/tenants/{Tenant}/residents/r{i}");
            Assert.Equal(expected, journalled);
            Assert.Equal(expected, resident.GetProperty("balanceYen").GetInt64());
        }

        var charged = approved.Where(r => !r.Pays).Sum(r => r.AmountYen);
        var spent = approved.Where(r => r.Pays).Sum(r => r.AmountYen);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var summary = await admin.GetAsync($"api/v1/tenants/{Tenant}/ledger/summary");
            var s = Ledger.From(System.Text.Json.Nodes.JsonNode.Parse(summary.GetRawText())!);
            Assert.True(s.IdentityHolds, "identity broken: " + s);
            var expected = new Ledger(ChargedYen: charged, SpentYen: spent, WalletsYen: charged - spent, MerchantPayableYen: spent);
            if (s == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the summary never reached the approved totals: {s}, expected {expected}");
            await Task.Delay(50);
        }
    }

    private async Task<List<MoneyEntry>> ReadMoneyEntriesAsync()
    {
        await using var storage = await OpenStorageAsync();
        return [.. (await StoredJournal.ReadAsync(storage, Tenant, "money.moved")).Select(root => new MoneyEntry(
            StoredJournal.Property(root, "entryId").GetString()!,
            StoredJournal.Property(root, "kind").GetString()!,
            [.. StoredJournal.Property(root, "lines").EnumerateArray().Select(l => new Line(
                StoredJournal.Property(l, "account").GetString()!,
                StoredJournal.Property(l, "debitYen").GetInt64(),
                StoredJournal.Property(l, "creditYen").GetInt64()))]))];
    }

    private static HttpClient Client(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static async Task<Answer> SendAsync(HttpClient http, MoneyRequest request)
    {
        using var response = request.Pays
            ? await http.PostAsJsonAsync("api/v1/payments", new { paymentId = request.Id, cardId = request.CardId, amountYen = request.AmountYen })
            : await http.PostAsJsonAsync("api/v1/charges", new { chargeId = request.Id, cardId = request.CardId, amountYen = request.AmountYen });
        return new Answer(request, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the load did not reach its target in time:\n" + diagnostics());
            await Task.Delay(20);
        }
    }

    private sealed record Reader(bool Pays, string Token);

    private sealed record MoneyRequest(bool Pays, string Id, string CardId, long AmountYen, string Token);

    private sealed record Answer(MoneyRequest Request, HttpStatusCode Status, string Body);

    private sealed record Line(string Account, long DebitYen, long CreditYen);

    private sealed record MoneyEntry(string EntryId, string Kind, List<Line> Lines)
    {
        public bool Balanced => Lines.Count >= 2 && Lines.Sum(l => l.DebitYen) == Lines.Sum(l => l.CreditYen)
            && Lines.All(l => (l.DebitYen > 0) != (l.CreditYen > 0));

        public long AmountYen => Lines.Sum(l => l.DebitYen);

        /// <summary>What this entry did to the resident's wallet accounts (credits add, debits take).</summary>
        public long WalletChange(string residentId) => Lines
            .Where(l => l.Account.StartsWith("wallet:" + residentId + ":", StringComparison.Ordinal))
            .Sum(l => l.CreditYen - l.DebitYen);
    }
}

public sealed class SqliteWalletCrashTests(ITestOutputHelper output) : WalletCrashSuite(output)
{
    private string DatabasePath => Path.Combine(WorkDirectory, "data", "locopi.db");

    protected override Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync()
        => Task.FromResult<(string[], Dictionary<string, string>)>(
            (["--storage", "sqlite", "--Storage:SqlitePath=" + DatabasePath], []));

    protected override Task<IGrainStorage> OpenStorageAsync() => StoredJournal.OpenSqliteAsync(DatabasePath);
}

public sealed class PostgresWalletCrashTests(ITestOutputHelper output) : WalletCrashSuite(output)
{
    private string? _connectionString;

    protected override async Task<(string[] Arguments, Dictionary<string, string> Environment)> StorageAsync()
    {
        _connectionString = await PostgresDatabases.CreateAsync("locopi_wallet_crash");
        return (["--storage", "postgres"], new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = _connectionString });
    }

    protected override Task<IGrainStorage> OpenStorageAsync() => StoredJournal.OpenPostgresAsync(_connectionString!);
}
