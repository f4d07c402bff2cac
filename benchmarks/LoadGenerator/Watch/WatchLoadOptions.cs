namespace LoCoPi.LoadGenerator.Watch;

/// <summary>What <c>watch</c> runs: the population, the arrival rate and the windows.</summary>
internal sealed record WatchLoadOptions(
    Uri Target,
    string AdminToken,
    string TenantId,
    int Families,
    int ResidentsPerFamily,
    int Places,
    double Rate,
    TimeSpan Warmup,
    TimeSpan Measured,
    TimeSpan Drain,
    int MaxInFlight,
    int Connections,
    string? OutFile)
{
    public int Residents => Families * ResidentsPerFamily;
}
