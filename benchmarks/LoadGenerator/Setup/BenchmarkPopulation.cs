using System.Globalization;

namespace LoCoPi.LoadGenerator.Setup;

/// <summary>
/// The benchmark tenant's ids. They are derived from counts, not stored anywhere, so a second
/// run finds the same tenant and the Silo and the naive baseline get exactly the same population.
/// </summary>
internal sealed class BenchmarkPopulation(string tenantId, int places, int readers, int residents)
{
    /// <summary>Points per first visit of the day; both systems award the same.</summary>
    public const int PointsPerVisit = 10;

    public string TenantId { get; } = tenantId;

    public int PlaceCount { get; } = places;

    public int ReaderCount { get; } = readers;

    public int ResidentCount { get; } = residents;

    public string PlaceId(int index) => "bench-place-" + index.ToString("D4", CultureInfo.InvariantCulture);

    public string ReaderId(int index) => "bench-reader-" + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Readers are dealt round-robin over the places.</summary>
    public string PlaceOfReader(int readerIndex) => PlaceId(readerIndex % PlaceCount);

    public string ResidentId(int index) => "bench-res-" + index.ToString("D7", CultureInfo.InvariantCulture);

    public string CardId(int index) => "bench-card-" + index.ToString("D7", CultureInfo.InvariantCulture);
}
