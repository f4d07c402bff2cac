using System.Text;
using LoCoPi.Runtime;

namespace LoCoPi.Benchmarks.Storage;

/// <summary>
/// Realistic durable writes: a card grain's ~200-byte state and one ~200-byte touch event, spread
/// over many grains and a few tenants.
/// </summary>
internal sealed class WriteWorkload
{
    public const int Tenants = 8;
    private static readonly DateTimeOffset Epoch = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string[] _tenants = [.. Enumerable.Range(0, Tenants).Select(i => $"tenant-{i:00}")];

    /// <summary>The write of <paramref name="touch"/> to grain <paramref name="grain"/>, expecting its last version.</summary>
    public GrainStateWrite Next(int grain, long touch, long? expectedVersion)
    {
        var tenant = _tenants[grain % Tenants];
        var key = $"{grain:00000000}";
        var state = Encoding.UTF8.GetBytes(
            $"{{\"card\":\"{key}\",\"points\":{touch * 10},\"touches\":{touch},\"lastFacility\":\"asahi-community-center-{grain % 97:000}\"," +
            $"\"lastTouchAt\":\"2026-04-01T09:{touch % 60:00}:00+09:00\",\"wallet\":{{\"balance\":{10_000 + touch},\"currency\":\"asahi-coin\"}},\"flags\":[\"watch\"]}}");
        var payload = Encoding.UTF8.GetBytes(
            $"{{\"card\":\"{key}\",\"facility\":\"asahi-community-center-{grain % 97:000}\",\"reader\":\"r-{grain % 13:00}\"," +
            $"\"touchId\":\"{grain:x8}-{touch:x12}\",\"points\":10,\"at\":\"2026-04-01T09:{touch % 60:00}:00+09:00\",\"kind\":\"touch\"}}");
        var touchEvent = new PendingEvent("touch.recorded", "card", key, payload, Epoch.AddSeconds(touch));
        return new GrainStateWrite(new GrainStateKey(tenant, "card", key, "state"), state, expectedVersion, [touchEvent]);
    }
}
