using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Statistics;

public sealed class StatisticsTests
{
    [Fact]
    public async Task Statistics_count_activations_calls_errors_and_storage_writes()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            await harness.Counter($"c{i % 4}").IncrementAsync();
        }

        await Assert.ThrowsAsync<InvalidOperationException>(harness.Counter().FailAsync);
        harness.Time.Advance(TimeSpan.FromSeconds(1));

        var stats = harness.Runtime.GetStatistics();
        Assert.Equal(4, stats.ActivationsPerType["counter"]);
        Assert.Equal(21, stats.TotalCalls);
        Assert.Equal(1, stats.TotalErrors);
        Assert.Equal(21, stats.CallsPerSecond);
        Assert.Equal(20, Assert.Single(stats.Methods, m => m.Method == "ICounterGrain.IncrementAsync").TotalCalls);
        Assert.Equal(1, Assert.Single(stats.Methods, m => m.Method == "ICounterGrain.FailAsync").TotalErrors);
        Assert.Equal(20, stats.StorageWriteLatency.Count);
        Assert.Equal(4, stats.StorageReadLatency.Count);
        Assert.True(stats.CallLatency.P50 <= stats.CallLatency.P99);
    }
}
