using System.Text.Json.Nodes;

namespace LoCoPi.Web.Tests.Wallet;

/// <summary>
/// The reference model of the property suite (TigerBeetle's auditor, in small): it predicts the
/// exact answer of every request and the exact buckets and totals after it, from the rules alone.
/// </summary>
internal sealed class WalletModel(Func<DateOnly> today)
{
    public const long Cap = 50_000;

    private readonly Dictionary<string, Stored> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GrantRecord> _grants = new(StringComparer.Ordinal);
    private readonly HashSet<string> _suspended = new(StringComparer.Ordinal);

    public Dictionary<string, ModelWallet> Wallets { get; } = new(StringComparer.Ordinal);

    public long Charged { get; private set; }

    public long Granted { get; private set; }

    public long Spent { get; private set; }

    public long Refunded { get; private set; }

    public long Expired { get; private set; }

    /// <summary>Entry ids ("payment:P1") of every approved request: each must be in the journal exactly once.</summary>
    public HashSet<string> ApprovedEntries { get; } = new(StringComparer.Ordinal);

    /// <summary>The last request was answered from a stored answer with the same body (a retry).</summary>
    public bool LastWasRetry { get; private set; }

    /// <summary>The last request stored its answer for the first time.</summary>
    public bool LastStoredFirst { get; private set; }

    public long WalletsTotal => Wallets.Values.Sum(w => w.Balance);

    /// <summary>True when the model holds a stored answer for (scope, id) — a retry must get the first answer back.</summary>
    public bool IsStored(string scope, string id) => _stored.ContainsKey(scope + "/" + id);

    public static string ResidentOf(string cardId) => "r-" + cardId.Split('-')[1];

    public Answer Charge(string id, string cardId, long amount)
    {
        if (amount % 1000 != 0)
        {
            return Answer.Problem(422, "charge_unit");
        }

        var hash = $"charger|{cardId}|{amount}";
        if (Known("charge", id, hash) is { } known)
        {
            return known;
        }

        if (_suspended.Contains(cardId))
        {
            return Answer.Problem(409, "card_suspended");
        }

        var wallet = Wallets[ResidentOf(cardId)];
        ExpireDue(wallet);
        if (wallet.Paid + amount > Cap)
        {
            return Store("charge", id, hash, Answer.Problem(422, "balance_cap"));
        }

        wallet.Paid += amount;
        Charged += amount;
        ApprovedEntries.Add("charge:" + id);
        return Store("charge", id, hash, Answer.Ok(new JsonObject { ["chargeId"] = id, ["balanceYen"] = wallet.Balance }));
    }

    public Answer Pay(string id, string shopId, string cardId, long amount)
    {
        var hash = $"{shopId}|{cardId}|{amount}";
        if (Known("payment", id, hash) is { } known)
        {
            return known;
        }

        if (_suspended.Contains(cardId))
        {
            return Answer.Problem(409, "card_suspended");
        }

        var wallet = Wallets[ResidentOf(cardId)];
        ExpireDue(wallet);
        if (wallet.Balance < amount)
        {
            return Store("payment", id, hash, Answer.Problem(402, "insufficient_funds"));
        }

        var left = amount;
        foreach (var bucket in wallet.Grants.Where(b => b.Remaining > 0)
            .OrderBy(b => b.ExpiresOn).ThenBy(b => b.GrantId, StringComparer.Ordinal).ToList())
        {
            var take = Math.Min(left, bucket.Remaining);
            bucket.Remaining -= take;
            bucket.Spent += take;
            left -= take;
        }

        wallet.Paid -= left;
        Spent += amount;
        var points = amount / 100 * 10;
        wallet.Points += points;
        ApprovedEntries.Add("payment:" + id);
        return Store("payment", id, hash, Answer.Ok(new JsonObject
        {
            ["paymentId"] = id, ["balanceYen"] = wallet.Balance, ["pointsAwarded"] = points,
        }));
    }

    public Answer Refund(string id, string residentId, long amount, string reason)
    {
        if (reason is not ("business_discontinued" or "moved_away" or "death"))
        {
            return Answer.Problem(400, "invalid_request");
        }

        var hash = $"{residentId}|{amount}|{reason}";
        if (Known("refund", id, hash) is { } known)
        {
            return known;
        }

        var wallet = Wallets[residentId];
        ExpireDue(wallet);
        if (amount > wallet.Paid)
        {
            return Store("refund", id, hash, Answer.Problem(422, "refund_exceeds_paid"));
        }

        wallet.Paid -= amount;
        Refunded += amount;
        ApprovedEntries.Add("refund:" + id);
        return Store("refund", id, hash, Answer.Ok(new JsonObject { ["refundId"] = id, ["balanceYen"] = wallet.Balance }));
    }

    public Answer Grant(string id, IReadOnlyList<string> residents, long amount, DateOnly expiresOn)
    {
        var hash = $"{string.Join(',', residents)}|{amount}|{expiresOn:O}";
        if (Known("grant", id, hash) is { } known)
        {
            return known;
        }

        foreach (var residentId in residents)
        {
            var wallet = Wallets[residentId];
            wallet.Grants.Add(new ModelBucket(id, amount, expiresOn) { Remaining = amount });
            Granted += amount;
            ApprovedEntries.Add($"grant:{id}:{residentId}");
            ExpireDue(wallet);
        }

        _grants[id] = new GrantRecord(expiresOn, [.. residents]);
        return Store("grant", id, hash, Answer.Ok(new JsonObject { ["grantId"] = id, ["granted"] = residents.Count }));
    }

    /// <summary>The sweep: every due grant not swept yet, in id order; each of its wallets empties all its due buckets.</summary>
    public (IReadOnlyList<string> Grants, long Moved) Sweep()
    {
        var due = _grants.Where(g => !g.Value.Swept && g.Value.ExpiresOn <= today())
            .Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        long moved = 0;
        foreach (var grantId in due)
        {
            foreach (var residentId in _grants[grantId].Residents)
            {
                moved += ExpireDue(Wallets[residentId]);
            }

            _grants[grantId].Swept = true;
        }

        return (due, moved);
    }

    public void Suspend(string cardId) => _suspended.Add(cardId);

    private long ExpireDue(ModelWallet wallet)
    {
        long moved = 0;
        foreach (var bucket in wallet.Grants.Where(b => b.ExpiresOn <= today() && b.Remaining > 0))
        {
            moved += bucket.Remaining;
            bucket.Expired += bucket.Remaining;
            bucket.Remaining = 0;
            ApprovedEntries.Add($"expiry:{bucket.GrantId}:{wallet.ResidentId}");
        }

        Expired += moved;
        return moved;
    }

    /// <summary>Call before each request: clears the per-request flags.</summary>
    public void BeginRequest()
    {
        LastWasRetry = false;
        LastStoredFirst = false;
    }

    private Answer? Known(string scope, string id, string hash)
    {
        if (!_stored.TryGetValue(scope + "/" + id, out var stored))
        {
            return null;
        }

        LastWasRetry = stored.Hash == hash;
        return LastWasRetry ? stored.Answer : Answer.Problem(409, "idempotency_conflict");
    }

    private Answer Store(string scope, string id, string hash, Answer answer)
    {
        _stored[scope + "/" + id] = new Stored(hash, answer);
        LastStoredFirst = true;
        return answer;
    }

    private sealed record Stored(string Hash, Answer Answer);

    private sealed class GrantRecord(DateOnly expiresOn, List<string> residents)
    {
        public DateOnly ExpiresOn { get; } = expiresOn;

        public List<string> Residents { get; } = residents;

        public bool Swept { get; set; }
    }
}

/// <summary>An expected answer: a status and either a problem code or the exact body.</summary>
internal sealed record Answer(int Status, string? Code, JsonObject? Body)
{
    public static Answer Ok(JsonObject body) => new(200, null, body);

    public static Answer Problem(int status, string code) => new(status, code, null);

    public override string ToString() => Code is null ? $"{Status} {Body!.ToJsonString()}" : $"{Status} {Code}";
}

internal sealed class ModelWallet(string residentId)
{
    public string ResidentId { get; } = residentId;

    public long Paid { get; set; }

    public long Points { get; set; }

    public List<ModelBucket> Grants { get; } = [];

    public long Balance => Paid + Grants.Sum(b => b.Remaining);
}

internal sealed class ModelBucket(string grantId, long amount, DateOnly expiresOn)
{
    public string GrantId { get; } = grantId;

    public long Amount { get; } = amount;

    public DateOnly ExpiresOn { get; } = expiresOn;

    public long Spent { get; set; }

    public long Expired { get; set; }

    public long Remaining { get; set; }
}
