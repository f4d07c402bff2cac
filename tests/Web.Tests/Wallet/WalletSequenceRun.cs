using System.Net;
using System.Text.Json.Nodes;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;
using LoCoPi.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>Runs one generated sequence against a town and the model, and checks them against each other.</summary>
internal sealed class WalletSequenceRun
{
    private readonly SiloFixture _silo;
    private WalletTown _town;
    private readonly WalletModel _model;
    private readonly List<Sent> _history = [];
    private readonly Dictionary<string, string> _firstAnswers = new(StringComparer.Ordinal);
    private int _nextId;

    public WalletSequenceRun(SiloFixture silo, WalletTown town)
    {
        _silo = silo;
        _town = town;
        _model = new WalletModel(Today);
        foreach (var residentId in ResidentIds)
        {
            _model.Wallets[residentId] = new ModelWallet(residentId);
        }
    }

    private IEnumerable<string> ResidentIds => Enumerable.Range(0, _town.PayReaders.Count == 0 ? 0 : ResidentCount).Select(i => $"r-{i}");

    private static int ResidentCount => 3;

    /// <summary>
    /// Restarts the node: every wallet is then loaded again from storage, and must still agree with
    /// the model.
    /// </summary>
    public async Task RestartAsync()
    {
        await _silo.RestartAsync();
        _town = _town.Reconnect(_silo);
    }

    /// <summary>Sends the step's request (if any) and checks its answer; returns what happened, for the failure log.</summary>
    public async Task<string> ApplyAsync(WalletOp op)
    {
        switch (op)
        {
            case ChargeOp c:
                return await SendAsync(new SentCharge($"ch-{_nextId++}", Card(c.Resident, c.Card), c.AmountYen));
            case PayOp p:
                return await SendAsync(new SentPay($"p-{_nextId++}", $"shop-{p.Shop}", Card(p.Resident, p.Card), p.AmountYen));
            case RefundOp r:
                return await SendAsync(new SentRefund($"rf-{_nextId++}", $"r-{r.Resident}", r.AmountYen, r.Reason));
            case GrantOp g:
                return await SendAsync(new SentGrant(
                    $"g-{_nextId++}", [.. g.Residents.Select(i => $"r-{i}")], g.AmountYen, Today().AddDays(g.ExpiresInDays)));
            case SuspendOp s:
                var suspended = await _town.Admin.PostJsonAsync(_town.Town.Path($"cards/{Card(s.Resident, s.Card)}/suspend"), new { reason = "紛失" });
                Assert.Equal(HttpStatusCode.OK, suspended.Status);
                _model.Suspend(Card(s.Resident, s.Card));
                return "suspended";
            case AdvanceOp a:
                _silo.Clock.Advance(TimeSpan.FromDays(a.Days));
                return "today " + Today().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            case SweepOp:
                return await SweepAsync();
            case ReplayOp r when _history.Count > 0:
                var earlier = _history[r.HistoryIndex % _history.Count];
                return await SendAsync(r.ChangeBody ? earlier.Changed() : earlier, record: false);
            default:
                return "nothing to replay";
        }
    }

    public async Task CheckInvariantsAsync()
    {
        foreach (var residentId in ResidentIds)
        {
            var actual = await _town.WalletAsync(residentId);
            var expected = _model.Wallets[residentId];
            var balance = (long)actual["balanceYen"]!;
            var paid = (long)actual["paidYen"]!;
            Assert.True(balance >= 0, $"{residentId}: negative balance {balance}");
            Assert.True(paid is >= 0 and <= WalletModel.Cap, $"{residentId}: paid value {paid} outside 0..50,000");
            Assert.Equal(expected.Balance, balance);
            Assert.Equal(expected.Paid, paid);
            var buckets = actual["grants"]!.AsArray();
            Assert.Equal(expected.Grants.Count, buckets.Count);
            foreach (var (bucket, model) in buckets.Zip(expected.Grants))
            {
                long amount = (long)bucket!["amountYen"]!, spent = (long)bucket["spentYen"]!,
                    expired = (long)bucket["expiredYen"]!, remaining = (long)bucket["remainingYen"]!;
                Assert.True(remaining >= 0 && amount == spent + expired + remaining, $"{residentId}: grant bucket does not add up: {bucket.ToJsonString()}");
                Assert.Equal((model.GrantId, model.Amount, model.Spent, model.Expired, model.Remaining),
                    ((string)bucket["grantId"]!, amount, spent, expired, remaining));
            }
        }

        var summary = await _town.SummaryAsync();
        WalletTown.AssertIdentity(summary);
        Assert.Equal(0, (long)summary["unbalancedEntries"]!);
        Assert.Equal(
            (_model.Charged, _model.Granted, _model.Spent, _model.Refunded, _model.Expired, _model.WalletsTotal, _model.Spent),
            ((long)summary["chargedYen"]!, (long)summary["grantedYen"]!, (long)summary["spentYen"]!, (long)summary["refundedYen"]!,
                (long)summary["expiredYen"]!, (long)summary["walletsYen"]!, (long)summary["merchantPayableYen"]!));
    }

    /// <summary>
    /// The journal is the ledger: every approved id is in it exactly once, every entry balances, and
    /// replaying the entries rebuilds every wallet's buckets. The payers' points match too.
    /// </summary>
    public async Task AuditJournalAsync()
    {
        var storage = _silo.Services.GetRequiredService<IGrainStorage>();
        var serializer = _silo.Services.GetRequiredService<IGrainSerializer>();
        var entries = new List<MoneyMoved>();
        long after = 0;
        while (true)
        {
            var page = await storage.ReadJournalAsync(_town.Town.TenantId, after, 1000, CancellationToken.None);
            if (page.Count == 0)
            {
                break;
            }

            entries.AddRange(page.Where(e => e.Is<MoneyMoved>()).Select(e => e.Deserialize<MoneyMoved>(serializer)));
            after = page[^1].Seq;
        }

        var ids = entries.Select(e => e.EntryId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(_model.ApprovedEntries.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.True(LedgerAccounts.IsBalanced(e.Lines), e.EntryId + " is not balanced"));

        var accounts = entries.SelectMany(e => e.Lines).GroupBy(l => l.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.CreditYen - l.DebitYen), StringComparer.Ordinal);
        foreach (var (residentId, wallet) in _model.Wallets)
        {
            Assert.Equal(wallet.Paid, accounts.GetValueOrDefault(LedgerAccounts.WalletPaid(residentId)));
            foreach (var bucket in wallet.Grants)
            {
                Assert.Equal(bucket.Remaining, accounts.GetValueOrDefault(LedgerAccounts.WalletGrant(residentId, bucket.GrantId)));
            }

            Assert.Equal(wallet.Points, await _town.Town.PointsAsync(residentId));
        }
    }

    /// <summary>
    /// Sends a request (a replay twice at once, as a reader retrying while its first try is in
    /// flight) and checks every answer against the model; a retry must equal the first answer.
    /// </summary>
    private async Task<string> SendAsync(Sent sent, bool record = true)
    {
        _model.BeginRequest();
        var expected = sent switch
        {
            SentCharge c => _model.Charge(c.Id, c.Card, c.Amount),
            SentPay p => _model.Pay(p.Id, p.Shop, p.Card, p.Amount),
            SentRefund r => _model.Refund(r.Id, r.Resident, r.Amount, r.Reason),
            SentGrant g => _model.Grant(g.Id, g.Residents, g.Amount, g.ExpiresOn),
            _ => throw new InvalidOperationException("unknown request " + sent),
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, record ? 1 : 2).Select(_ => sent switch
        {
            SentCharge c => _town.ChargeAsync(c.Id, c.Card, c.Amount),
            SentPay p => _town.PayAsync(p.Shop, p.Id, p.Card, p.Amount),
            SentRefund r => _town.RefundAsync(r.Id, r.Resident, r.Amount, r.Reason),
            SentGrant g => _town.GrantAsync(g.Id, g.Residents, g.Amount, g.ExpiresOn),
            _ => throw new InvalidOperationException("unknown request " + sent),
        }));
        if (record)
        {
            _history.Add(sent);
        }

        string got = "";
        foreach (var actual in answers)
        {
            got = $"{(int)actual.Status} {actual.Body?.ToJsonString()}";
            Assert.True(expected.Status == (int)actual.Status, $"{sent}: expected {expected}, got {got}");
            if (expected.Code is { } code)
            {
                Assert.True(code == (string?)actual.Body?["code"], $"{sent}: expected {expected}, got {got}");
            }
            else
            {
                Assert.True(JsonNode.DeepEquals(expected.Body, actual.Body), $"{sent}: expected {expected}, got {got}");
            }

            var key = sent.Scope + "/" + sent.Id;
            if (_model.LastStoredFirst)
            {
                _firstAnswers[key] = got;
            }
            else if (_model.LastWasRetry)
            {
                Assert.True(_firstAnswers[key] == got, $"{sent}: a retry answered {got}, the first answer was {_firstAnswers[key]}");
            }
        }

        return got;
    }

    private async Task<string> SweepAsync()
    {
        var (grants, moved) = _model.Sweep();
        var response = await _town.SweepAsync();
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(grants, response.Body!["grants"]!.AsArray().Select(g => (string)g!).ToList());
        Assert.Equal(moved, (long)response.Body["expiredYen"]!);
        return response.Body.ToJsonString();
    }

    private DateOnly Today() => DateOnly.FromDateTime(
        TimeZoneInfo.ConvertTime(_silo.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo")).DateTime);

    private static string Card(int resident, int slot) => slot == 0 ? $"c-{resident}" : $"c-{resident}-b";

    private abstract record Sent(string Scope, string Id)
    {
        /// <summary>The same id with another body: the amount plus ¥1,000.</summary>
        public abstract Sent Changed();
    }

    private sealed record SentCharge(string Id, string Card, long Amount) : Sent("charge", Id)
    {
        public override Sent Changed() => this with { Amount = Amount + 1_000 };
    }

    private sealed record SentPay(string Id, string Shop, string Card, long Amount) : Sent("payment", Id)
    {
        public override Sent Changed() => this with { Amount = Amount + 1_000 };
    }

    private sealed record SentRefund(string Id, string Resident, long Amount, string Reason) : Sent("refund", Id)
    {
        public override Sent Changed() => this with { Amount = Amount + 1_000 };
    }

    private sealed record SentGrant(string Id, string[] Residents, long Amount, DateOnly ExpiresOn) : Sent("grant", Id)
    {
        public override Sent Changed() => this with { Amount = Amount + 1_000 };

        public override string ToString() => $"SentGrant {{ Id = {Id}, Residents = [{string.Join(',', Residents)}], Amount = {Amount}, ExpiresOn = {ExpiresOn:O} }}";
    }
}
