namespace LoCoPi.Silo.Demo;

/// <summary>
/// The demo municipality, after 朝日町 (Toyama): its places, their readers, and how busy each
/// place is at each hour of the day, so the simulated touches follow a town's daily rhythm.
/// </summary>
internal static class DemoTown
{
    public const string TenantId = "asahi";
    public const string Name = "朝日町";
    public const string TimeZone = "Asia/Tokyo";
    public const int Residents = 400;

    public static readonly IReadOnlyList<DemoPlace> Places =
    [
        new("library", "朝日町立図書館", "facility", 10, null, [new("library-gate", "visit")], Daytime(9, 19, peak: 15)),
        new("town-bus", "町営バス あさひ号", "bus", 5, null,
            [new("town-bus-front", "board"), new("town-bus-rear", "alight")], Commute()),
        new("supermarket", "スーパー あさひ店", "shop", 5, null, [new("supermarket-entrance", "visit")], Daytime(9, 21, peak: 17)),
        new("rakuchino", "公民館 らくち〜の", "facility", 20, null,
            [new("rakuchino-in", "check_in"), new("rakuchino-out", "check_out")], Daytime(9, 21, peak: 10)),
        new("hospital", "あさひ総合病院", "facility", 10, null, [new("hospital-reception", "visit")], Daytime(8, 17, peak: 9, night: 0.5)),
        new("town-hall", "朝日町役場", "facility", 10, null, [new("town-hall-counter", "visit")], Daytime(8, 17, peak: 10)),
        new("shelter-sasagawa", "避難所 さみさと小学校", "shelter", 0, 300,
            [new("shelter-sasagawa-in", "check_in"), new("shelter-sasagawa-out", "check_out")], Drill()),
        new("shelter-tomari", "避難所 泊地区体育館", "shelter", 0, 200,
            [new("shelter-tomari-in", "check_in"), new("shelter-tomari-out", "check_out")], Drill()),
    ];

    /// <summary>
    /// Open from <paramref name="open"/> to <paramref name="close"/>, busiest around <paramref name="peak"/>,
    /// with <paramref name="night"/> outside opening hours.
    /// </summary>
    private static double[] Daytime(int open, int close, int peak, double night = 0)
    {
        // Outside opening hours: the hospital's night entrance; the others get DemoSchedule's floor.
        var weights = Enumerable.Repeat(night, 24).ToArray();
        for (var hour = open; hour < close; hour++)
        {
            weights[hour] = 1.0 + (2.0 / (1 + Math.Abs(hour - peak)));
        }

        return weights;
    }

    /// <summary>Buses run 6–21 with the school and work rush at 7–8 and 16–18.</summary>
    private static double[] Commute()
    {
        var weights = new double[24];
        for (var hour = 6; hour < 21; hour++)
        {
            weights[hour] = hour is 7 or 8 or 16 or 17 ? 4 : 1.5;
        }

        return weights;
    }

    /// <summary>Shelters are quiet: the odd evacuation drill touch during the day.</summary>
    private static double[] Drill()
    {
        var weights = new double[24];
        for (var hour = 9; hour < 16; hour++)
        {
            weights[hour] = 0.3;
        }

        return weights;
    }
}

/// <summary>A demo place with its readers and its busyness per tenant-local hour (0–23).</summary>
internal sealed record DemoPlace(
    string PlaceId, string Name, string Kind, long PointsPerVisit, int? Capacity,
    IReadOnlyList<DemoReader> Readers, IReadOnlyList<double> HourWeights);

/// <summary>A reader of a demo place.</summary>
internal sealed record DemoReader(string ReaderId, string Mode);
