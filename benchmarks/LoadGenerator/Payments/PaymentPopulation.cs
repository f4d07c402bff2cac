using System.Globalization;

namespace LoCoPi.LoadGenerator.Payments;

/// <summary>
/// The payment benchmark tenant's ids, derived from counts so a second run finds the same tenant:
/// shops with one <c>pay</c> reader each (readers dealt round-robin), one charge point with one
/// <c>charge</c> reader for the opening balances, and residents with one card each.
/// </summary>
internal sealed class PaymentPopulation(string tenantId, int shops, int readers, int residents)
{
    public const string ChargePointId = "bench-charge-point";

    public const string ChargeReaderId = "bench-charger";

    public string TenantId { get; } = tenantId;

    public int ShopCount { get; } = shops;

    public int ReaderCount { get; } = readers;

    public int ResidentCount { get; } = residents;

    public string ShopId(int index) => "bench-shop-" + index.ToString("D4", CultureInfo.InvariantCulture);

    public string ReaderId(int index) => "bench-pay-" + index.ToString("D4", CultureInfo.InvariantCulture);

    public string ShopOfReader(int readerIndex) => ShopId(readerIndex % ShopCount);

    public string ResidentId(int index) => "bench-res-" + index.ToString("D7", CultureInfo.InvariantCulture);

    public string CardId(int index) => "bench-card-" + index.ToString("D7", CultureInfo.InvariantCulture);
}
