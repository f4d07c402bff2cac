using System.Text.Json;
using LoCoPi.Web.Live;
using Xunit;

namespace LoCoPi.Web.Tests.Live;

/// <summary><c>--demo</c>: a newcomer sees 朝日町's counters move, and seeding survives a restart.</summary>
public sealed class DemoTests : IAsyncLifetime
{
    private LiveStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await LiveStorage.SqliteAsync();

    public Task DisposeAsync()
    {
        _storage.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_demo_seeds_asahi_and_its_counters_move_again_after_a_restart()
    {
        long first;
        await using (var silo = await LiveSilo.StartAsync(_storage, "--demo"))
        {
            first = await WaitForTouchesAsync(silo, above: 0);
        }

        // Seeding again on the same data is a no-op define-or-update; touches carry on from there.
        await using (var silo = await LiveSilo.StartAsync(_storage, "--demo"))
        {
            await WaitForTouchesAsync(silo, above: first);
        }
    }

    /// <summary>Waits for a pushed total of today's touches across asahi's places above <paramref name="above"/>.</summary>
    private static async Task<long> WaitForTouchesAsync(LiveSilo silo, long above)
    {
        await using var hub = await silo.ConnectHubAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        var joined = await hub.InvokeAsync(LiveMessages.JoinTenant, "asahi");
        foreach (var place in joined.GetProperty("places").EnumerateArray())
        {
            Record(totals, place);
        }

        while (totals.Values.Sum() <= above)
        {
            var message = await hub.Messages.ReadAsync(deadline.Token);
            if (message.Target == LiveMessages.PlaceStats)
            {
                Record(totals, message.Arguments[0]);
            }
        }

        return totals.Values.Sum();
    }

    private static void Record(Dictionary<string, long> totals, JsonElement place)
        => totals[place.GetProperty("placeId").GetString()!] = place.GetProperty("today").GetProperty("touches").GetInt64();
}
