using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Storage;

public sealed class PersistentStateTests
{
    private static readonly GrainStateKey CounterKey = new("t1", "counter", "c1", "state");

    [Fact]
    public async Task A_stale_etag_fails_the_write_and_the_next_call_sees_reloaded_state()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var counter = harness.Counter();
        Assert.Equal(1, await counter.IncrementAsync());
        // Another writer (or a node that took the tenant over) moves the record on.
        await harness.Storage.WriteStateAsync(
            new GrainStateWrite(CounterKey, "{\"value\":41}"u8.ToArray(), 1, []), CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(counter.IncrementAsync);

        Assert.Equal(41, await counter.GetAsync());
        Assert.Equal(42, await counter.IncrementAsync());
        Assert.Equal(2, harness.Probe.Activations);
        Assert.Equal(3, (await harness.Storage.ReadStateAsync(CounterKey, default))!.Version);
    }

    [Fact]
    public async Task State_survives_a_restart_on_the_same_storage()
    {
        var storage = new MemoryGrainStorage();
        await using (var first = await RuntimeHarness.StartAsync(storage: storage))
        {
            await first.Counter().IncrementAsync();
            await first.Counter().IncrementAsync();
        }

        await using var second = await RuntimeHarness.StartAsync(storage: storage);

        Assert.Equal(3, await second.Counter().IncrementAsync());
    }

    [Fact]
    public async Task Clearing_state_stores_a_tombstone_and_the_grain_starts_over()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        var counter = harness.Counter();
        await counter.IncrementAsync();

        await counter.ResetAsync();

        var stored = await harness.Storage.ReadStateAsync(CounterKey, default);
        Assert.Null(stored!.Payload);
        Assert.Equal(2, stored.Version);
        Assert.Equal(1, await counter.IncrementAsync());
    }
}
