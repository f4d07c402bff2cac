using LoCoPi.Grains.Interfaces.Places;
using LoCoPi.Grains.Interfaces.Residents;
using LoCoPi.Grains.Interfaces.Tenants;
using LoCoPi.Grains.Interfaces.Wallet;
using LoCoPi.Runtime;

namespace LoCoPi.Grains.Wallet;

/// <summary>
/// The durable journal subscriber "wallet-ledger": every committed <see cref="MoneyMoved"/> goes
/// to the tenant's ledger totals, each payment to its shop's sales and its points to the resident.
/// Each target skips sequence numbers it already applied and the cursor advances only after this
/// returns, so a crash between a payment's commit and its points delays them but never loses or
/// doubles them.
/// </summary>
public sealed class LedgerProjection(
    IGrainFactory grainFactory, IGrainSerializer serializer, ITenantTimeZones zones, LedgerProgress progress) : IJournalObserver
{
    public const string SubscriberName = LedgerProgress.SubscriberName;

    /// <summary>How long a delivery is held back to gather more entries (ledger totals and points lag by at most this).</summary>
    public static readonly TimeSpan DeliveryInterval = TimeSpan.FromMilliseconds(100);

    public async Task OnEventsAsync(IReadOnlyList<CommittedEvent> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return;
        }

        var tenant = batch[0].Tenant;
        var throughSeq = batch[^1].Seq;
        var moved = batch.Where(e => e.Is<MoneyMoved>()).Select(e => (e.Seq, Entry: e.Deserialize<MoneyMoved>(serializer))).ToList();
        if (moved.Count > 0)
        {
            var zone = await zones.GetTimeZoneIdAsync(tenant);
            var categories = await CategoriesAsync(tenant, moved.Where(m => m.Entry.Kind == MoneyKinds.Payment).Select(m => m.Entry.PlaceId!));
            var postings = moved.Select(m => new LedgerPosting(
                m.Seq, m.Entry.EntryId, m.Entry.Kind, WalletBook.LocalDate(m.Entry.At, zone),
                m.Entry.PlaceId is { } p ? categories.GetValueOrDefault(p) : null, m.Entry.Lines)).ToList();
            await grainFactory.GetGrain<ILedgerGrain>(tenant, tenant).ApplyAsync(new LedgerBatch(throughSeq, postings));
            await Task.WhenAll(SalesAsync(tenant, throughSeq, moved, zone).Concat(PointsAsync(tenant, moved)));
        }

        progress.Advance(tenant, throughSeq);
    }

    private IEnumerable<Task> SalesAsync(string tenant, long throughSeq, List<(long Seq, MoneyMoved Entry)> moved, string zone)
        => moved.Where(m => m.Entry.Kind == MoneyKinds.Payment)
            .GroupBy(m => m.Entry.PlaceId!, StringComparer.Ordinal)
            .Select(shop => grainFactory.GetGrain<IMerchantGrain>(tenant, shop.Key).RecordSalesAsync(new MerchantSales(
                throughSeq,
                [.. shop.Select(m => new MerchantSale(
                    m.Seq, m.Entry.EntryId, WalletBook.LocalDate(m.Entry.At, zone), m.Entry.Lines.Sum(l => l.CreditYen)))])));

    /// <summary>One write per resident per batch; the resident skips sequence numbers it has seen.</summary>
    private IEnumerable<Task> PointsAsync(string tenant, List<(long Seq, MoneyMoved Entry)> moved)
        => moved.Where(m => m.Entry.PointsAwarded > 0)
            .GroupBy(m => m.Entry.ResidentId, StringComparer.Ordinal)
            .Select(resident => grainFactory.GetGrain<IResidentGrain>(tenant, resident.Key)
                .AwardPaymentPointsAsync([.. resident.Select(m => new PaymentPoints(m.Seq, m.Entry.PointsAwarded))]));

    private async Task<Dictionary<string, string?>> CategoriesAsync(string tenant, IEnumerable<string> shopIds)
    {
        var shops = shopIds.Distinct(StringComparer.Ordinal).ToArray();
        var places = await Task.WhenAll(shops.Select(s => grainFactory.GetGrain<IPlaceGrain>(tenant, s).GetAsync()));
        return shops.Zip(places).ToDictionary(p => p.First, p => p.Second?.Category, StringComparer.Ordinal);
    }
}
