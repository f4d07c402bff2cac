using LoCoPi.Runtime;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Conformance;

/// <summary>Writes that keep the stored state: events and claims appended to a snapshot, version-checked.</summary>
public abstract partial class GrainStorageConformanceRunner
{
    [Fact]
    public async Task A_write_that_keeps_the_state_commits_its_events_and_claims_and_leaves_the_record_as_it_was()
    {
        var key = Key(NewTenant(), "r1", "resident");
        await Storage.WriteStateAsync(Write(key, "snapshot", null, Event("r1", "first")), default);
        var claim = new IdempotencyClaim("touch", "t2", "r1", "hash-2", "visit 10 20");

        var appended = await Storage.WriteStateAsync(
            Claiming(Write(key, "ignored", 1, Event("r1", "second")), claim) with { KeepsState = true }, default);
        var again = await Storage.WriteStateAsync(Write(key, null, 1, Event("r1", "third")) with { KeepsState = true }, default);

        Assert.Equal((1L, 1L), (appended.Version, again.Version));
        var stored = await Storage.ReadStateAsync(key, default);
        Assert.Equal(("snapshot", 1L), (Text(stored!.Payload), stored.Version));
        Assert.Equal(claim, await Storage.ReadClaimAsync(key.Tenant, "touch", "t2", default));
        var journal = await Storage.ReadJournalAsync(key.Tenant, 0, 10, default);
        Assert.Equal(new[] { "first", "second", "third" }, journal.Select(e => Text(e.Payload)));
        Assert.Equal(journal[1].Seq, Assert.Single(appended.Events).Seq);

        var snapshot = await Storage.WriteStateAsync(Write(key, "snapshot-2", 1), default);
        Assert.Equal(2, snapshot.Version);
    }

    [Fact]
    public async Task A_write_that_keeps_the_state_is_refused_when_its_version_is_stale_or_its_claim_taken_and_stores_nothing()
    {
        var tenant = NewTenant();
        var key = Key(tenant, "r1", "resident");
        await Storage.WriteStateAsync(Write(key, "a", null), default);
        await Storage.WriteStateAsync(Write(key, "b", 1), default);
        var taken = new IdempotencyClaim("touch", "taken", "r0", "hash-0");
        await Storage.WriteStateAsync(Claiming(Write(Key(tenant, "r0", "resident"), "s", null), taken), default);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(
            Claiming(Write(key, null, 1, Event("r1", "stale")), new IdempotencyClaim("touch", "t-stale", "r1", "h")) with { KeepsState = true },
            default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync(
            Write(Key(tenant, "nobody", "resident"), null, 1, Event("nobody", "no record")) with { KeepsState = true }, default));
        var conflict = await Assert.ThrowsAsync<IdempotencyClaimConflictException>(() => Storage.WriteStateAsync(
            Claiming(Write(key, null, 2, Event("r1", "reused")), taken with { OwnerGrainKey = "r1" }) with { KeepsState = true }, default));

        Assert.Equal(taken, conflict.Existing);
        Assert.Null(await Storage.ReadClaimAsync(tenant, "touch", "t-stale", default));
        Assert.Empty(await Storage.ReadJournalAsync(tenant, 0, 10, default));
        var stored = await Storage.ReadStateAsync(key, default);
        Assert.Equal(("b", 2L), (Text(stored!.Payload), stored.Version));
    }

    [Fact]
    public async Task A_write_that_keeps_the_state_needs_the_version_it_expects()
    {
        var key = Key(NewTenant(), "r1", "resident");

        await Assert.ThrowsAsync<ArgumentException>(() => Storage.WriteStateAsync(
            Write(key, null, null, Event("r1", "e")) with { KeepsState = true }, default));
    }
}
