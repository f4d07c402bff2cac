using LoCoPi.Grains.Interfaces.Readers;

namespace LoCoPi.Silo.Demo;

/// <summary>
/// Who is aboard each bus and inside each check-in place, so the demo alights and checks out
/// people who actually boarded or checked in, and the "inside" counters stay plausible.
/// </summary>
internal sealed class DemoRiders
{
    private readonly Dictionary<string, List<int>> _inside = new(StringComparer.Ordinal);

    /// <summary>Chooses the reader and the card for the next touch at <paramref name="place"/>.</summary>
    public (DemoReader Reader, string CardId) Next(DemoPlace place, Random random)
    {
        var entry = place.Readers.FirstOrDefault(r => r.Mode is ReaderModes.Board or ReaderModes.CheckIn);
        var exit = place.Readers.FirstOrDefault(r => r.Mode is ReaderModes.Alight or ReaderModes.CheckOut);
        if (entry is null || exit is null)
        {
            return (place.Readers[0], DemoSeeder.CardId(Someone(random)));
        }

        if (!_inside.TryGetValue(place.PlaceId, out var inside))
        {
            _inside[place.PlaceId] = inside = [];
        }

        // Leave more often as the place fills, so occupancy hovers instead of growing all day.
        if (inside.Count > 0 && random.NextDouble() < Math.Min(0.8, inside.Count / 20.0))
        {
            var index = random.Next(inside.Count);
            var leaving = inside[index];
            inside.RemoveAt(index);
            return (exit, DemoSeeder.CardId(leaving));
        }

        var arriving = Someone(random);
        if (!inside.Contains(arriving))
        {
            inside.Add(arriving);
        }

        return (entry, DemoSeeder.CardId(arriving));
    }

    // The residents the demo family watches touch about one time in twenty, so the family page
    // shows alerts within seconds instead of every few minutes.
    private static int Someone(Random random)
        => random.NextDouble() < 0.05 ? random.Next(1, DemoAccounts.WatchedResidents.Length + 1) : random.Next(1, DemoTown.Residents + 1);
}
