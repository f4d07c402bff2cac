using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Storage;

public sealed class IdempotencyClaimTests
{
    [Fact]
    public async Task A_write_whose_claim_is_taken_changes_nothing_and_keeps_the_activation_consistent()
    {
        await using var harness = await RuntimeHarness.StartAsync();
        Assert.Equal(1, await harness.Counter("c1").IncrementOnceAsync("k"));
        var loser = harness.Counter("c2");
        Assert.Equal(1, await loser.IncrementAsync());

        var conflict = await Assert.ThrowsAsync<IdempotencyClaimConflictException>(() => loser.IncrementOnceAsync("k"));

        Assert.Equal(new IdempotencyClaim("increment", "k", "c1", "once"), conflict.Existing);
        Assert.Equal(1, await loser.GetAsync());
        Assert.Equal(2, await loser.IncrementAsync());
        Assert.Equal(2, harness.Probe.Activations);
        Assert.Equal(2, (await harness.Storage.ReadStateAsync(new GrainStateKey("t1", "counter", "c2", "state"), default))!.Version);
    }

    [Fact]
    public async Task A_claim_is_stored_with_the_write_that_made_it()
    {
        await using var harness = await RuntimeHarness.StartAsync();

        Assert.Equal(1, await harness.Counter("c1").IncrementOnceAsync("k"));

        Assert.Equal(new IdempotencyClaim("increment", "k", "c1", "once"), await harness.Storage.ReadClaimAsync("t1", "increment", "k", default));
        Assert.Equal(1, (await harness.Storage.ReadStateAsync(new GrainStateKey("t1", "counter", "c1", "state"), default))!.Version);
    }
}
