using LoCoPi.Runtime;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Conformance;

/// <summary>Idempotency claims: stored with a write, atomically, first writer wins.</summary>
public abstract partial class GrainStorageConformanceRunner
{
    [Fact]
    public async Task A_claim_is_committed_with_the_state_and_events_of_its_write()
    {
        var key = Key(NewTenant(), "r1", "resident");
        var claim = new IdempotencyClaim("touch", "t1", "r1", "hash-1");

        var result = await Storage.WriteStateAsync(Claiming(Write(key, "applied", null, Event("r1", "touched")), claim), default);

        Assert.Equal(claim, await Storage.ReadClaimAsync(key.Tenant, "touch", "t1", default));
        Assert.Equal("applied", Text((await Storage.ReadStateAsync(key, default))!.Payload));
        var stored = Assert.Single(await Storage.ReadJournalAsync(key.Tenant, 0, 10, default));
        Assert.Equal((Assert.Single(result.Events).Seq, "touched"), (stored.Seq, Text(stored.Payload)));
        Assert.Null(await Storage.ReadClaimAsync(key.Tenant, "payment", "t1", default));
        Assert.Null(await Storage.ReadClaimAsync(NewTenant(), "touch", "t1", default));
    }

    [Fact]
    public async Task A_claim_keeps_its_result_and_hands_it_to_a_later_conflicting_write()
    {
        var tenant = NewTenant();
        var withResult = new IdempotencyClaim("touch", "t-result", "r1", "hash-1", "visit 10 120");
        var without = new IdempotencyClaim("touch", "t-none", "r1", "hash-2");
        await Storage.WriteStateAsync(Claiming(Write(Key(tenant, "r1"), "a", null), withResult), default);
        await Storage.WriteStateAsync(Claiming(Write(Key(tenant, "r1"), "b", 1), without), default);

        Assert.Equal(withResult, await Storage.ReadClaimAsync(tenant, "touch", "t-result", default));
        Assert.Equal(without, await Storage.ReadClaimAsync(tenant, "touch", "t-none", default));
        var retry = await Assert.ThrowsAsync<IdempotencyClaimConflictException>(() => Storage.WriteStateAsync(
            Claiming(Write(Key(tenant, "r1"), "c", 2), withResult with { Result = "visit 10 130" }), default));
        Assert.Equal(withResult, retry.Existing);
        Assert.Equal("b", Text((await Storage.ReadStateAsync(Key(tenant, "r1"), default))!.Payload));
    }

    [Fact]
    public async Task A_write_whose_claim_exists_stores_nothing_and_its_batch_neighbours_commit()
    {
        var tenant = NewTenant();
        var original = new IdempotencyClaim("touch", "taken", "owner", "hash-a");
        await Storage.WriteStateAsync(Claiming(Write(Key(tenant, "owner"), "s", null, Event("owner", "e")), original), default);

        // Queued together so they share batches; write 13 reuses the taken key with another body.
        var writes = Enumerable.Range(0, 30).Select(i => Storage.WriteStateAsync(
            Claiming(
                Write(Key(tenant, $"g{i}"), $"s{i}", null, Event($"g{i}", $"e{i}")),
                new IdempotencyClaim("touch", i == 13 ? "taken" : $"k{i}", $"g{i}", "hash-b")),
            default)).ToArray();

        var conflict = await Assert.ThrowsAsync<IdempotencyClaimConflictException>(() => writes[13]);
        Assert.Equal(original, conflict.Existing);
        foreach (var write in writes.Where((_, i) => i != 13))
        {
            Assert.Equal(1, (await write).Version);
        }

        Assert.Null(await Storage.ReadStateAsync(Key(tenant, "g13"), default));
        Assert.Equal(original, await Storage.ReadClaimAsync(tenant, "touch", "taken", default));
        var journal = await Storage.ReadJournalAsync(tenant, 0, 100, default);
        Assert.DoesNotContain(journal, e => e.GrainKey == "g13");
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), journal.Select(e => e.Seq));
    }

    [Fact]
    public async Task Writers_racing_for_one_claim_key_from_two_storages_have_exactly_one_winner()
    {
        var tenant = NewTenant();
        await using var other = Provider.Create(Provider.SharedDatabase);
        await other.InitializeAsync(default);
        // Without events: two storages numbering one tenant's journal is what tenant leases forbid.
        var writes = Enumerable.Range(0, 16).Select(i => (i % 2 == 0 ? Storage : other).WriteStateAsync(
            Claiming(Write(Key(tenant, $"g{i}"), "s", null), new IdempotencyClaim("touch", "shared", $"g{i}", $"h{i}")),
            default)).ToArray();

        var outcomes = await Task.WhenAll(writes.Select(async w =>
        {
            try
            {
                await w;
                return null;
            }
            catch (IdempotencyClaimConflictException conflict)
            {
                return conflict.Existing;
            }
        }));

        var winner = Assert.Single(Enumerable.Range(0, 16), i => outcomes[i] is null);
        var stored = await Storage.ReadClaimAsync(tenant, "touch", "shared", default);
        Assert.Equal(new IdempotencyClaim("touch", "shared", $"g{winner}", $"h{winner}"), stored);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(stored, o));
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(i == winner, await Storage.ReadStateAsync(Key(tenant, $"g{i}"), default) is not null);
        }
    }

    [Fact]
    public async Task A_stale_write_leaves_no_claim_behind()
    {
        var key = Key(NewTenant(), "r1");
        await Storage.WriteStateAsync(Write(key, "v1", null), default);
        var claim = new IdempotencyClaim("touch", "t1", "r1", "h");

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Storage.WriteStateAsync(Claiming(Write(key, "stale", 7, Event("r1", "e")), claim), default));

        Assert.Null(await Storage.ReadClaimAsync(key.Tenant, "touch", "t1", default));
        Assert.Equal(2, (await Storage.WriteStateAsync(Claiming(Write(key, "v2", 1), claim), default)).Version);
        Assert.Equal(claim, await Storage.ReadClaimAsync(key.Tenant, "touch", "t1", default));
    }

    [Fact]
    public async Task Claims_survive_dispose_and_reopen_and_still_refuse_a_second_writer()
    {
        var database = await Provider.CreateDatabaseAsync();
        var tenant = NewTenant();
        var claim = new IdempotencyClaim("touch", "t1", "r1", "h1");
        await using (var first = Provider.Create(database))
        {
            await first.InitializeAsync(default);
            await first.WriteStateAsync(Claiming(Write(Key(tenant, "r1"), "s", null), claim), default);
        }

        await using var reopened = Provider.Create(database);
        await reopened.InitializeAsync(default);
        Assert.Equal(claim, await reopened.ReadClaimAsync(tenant, "touch", "t1", default));
        var conflict = await Assert.ThrowsAsync<IdempotencyClaimConflictException>(() => reopened.WriteStateAsync(
            Claiming(Write(Key(tenant, "r2"), "s", null), claim with { OwnerGrainKey = "r2" }), default));
        Assert.Equal(claim, conflict.Existing);
        Assert.Null(await reopened.ReadStateAsync(Key(tenant, "r2"), default));
    }

    [Fact]
    public async Task A_database_of_the_schema_before_claims_is_migrated_keeps_its_data_and_its_touch_claims()
    {
        var database = await Provider.CreateDatabaseAsync();
        var key = Key(NewTenant(), "r1");
        await using (var current = Provider.Create(database))
        {
            await current.InitializeAsync(default);
            await current.WriteStateAsync(Write(key, "before", null, Event("r1", "e")), default);
            // A claim as the retired touch-claim grain stored it, and one it never completed.
            await current.WriteStateAsync(Write(
                Key(key.Tenant, "t-old", "touch-claim"),
                """{"claim":{"bodyHash":"h9","cardId":"c9","residentId":"r9","claimedAt":"2026-04-01T00:00:00+00:00"}}""",
                null), default);
            await current.WriteStateAsync(Write(Key(key.Tenant, "t-empty", "touch-claim"), """{"claim":null}""", null), default);
        }

        // What the build before claims left: schema version 1, no claims table.
        await Provider.ExecuteAsync(database, "DROP TABLE idempotency_claims");
        await Provider.SetSchemaVersionAsync(database, 1);

        await using var upgraded = Provider.Create(database);
        await upgraded.InitializeAsync(default);
        var claim = new IdempotencyClaim("touch", "t1", "r1", "h");
        await upgraded.WriteStateAsync(Claiming(Write(key, "after", 1, Event("r1", "e2")), claim), default);

        Assert.Equal(claim, await upgraded.ReadClaimAsync(key.Tenant, "touch", "t1", default));
        Assert.Equal(2, (await upgraded.ReadJournalAsync(key.Tenant, 0, 10, default)).Count);
        Assert.Equal(new IdempotencyClaim("touch", "t-old", "r9", "h9"), await upgraded.ReadClaimAsync(key.Tenant, "touch", "t-old", default));
        Assert.Null(await upgraded.ReadClaimAsync(key.Tenant, "touch", "t-empty", default));
    }

    private static GrainStateWrite Claiming(GrainStateWrite write, params IdempotencyClaim[] claims)
        => write with { Claims = claims };

    [Fact]
    public async Task Claims_are_pruned_by_their_request_time_oldest_first_in_their_scope_only_and_can_be_taken_again()
    {
        var tenant = NewTenant();
        var scope = "touch-" + Guid.NewGuid().ToString("N")[..8];
        var touchedAt = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        async Task ClaimAsync(string grainKey, string claimScope, string claimKey, DateTimeOffset? requestTime) => await Storage.WriteStateAsync(
            Claiming(Write(Key(tenant, grainKey, "resident"), "s", null, Event(grainKey, "e")),
                new IdempotencyClaim(claimScope, claimKey, grainKey, "h", RequestTime: requestTime)),
            default);
        await ClaimAsync("r1", scope, "old-1", touchedAt);
        await ClaimAsync("r2", scope, "old-2", touchedAt.AddMinutes(1));
        await ClaimAsync("r3", "payment", "old-p", touchedAt);
        await ClaimAsync("r6", scope, "untimed", null);
        await ClaimAsync("r4", scope, "new-1", touchedAt.AddHours(2));
        var cutoff = touchedAt.AddHours(1);

        Assert.Equal(touchedAt, (await Storage.ReadClaimAsync(tenant, scope, "old-1", default))!.RequestTime);
        Assert.Equal(1, await Storage.PruneClaimsAsync(scope, cutoff, 1, default));
        Assert.Null(await Storage.ReadClaimAsync(tenant, scope, "old-1", default));
        Assert.NotNull(await Storage.ReadClaimAsync(tenant, scope, "old-2", default));
        Assert.Equal(1, await Storage.PruneClaimsAsync(scope, cutoff, 100, default));
        Assert.Equal(0, await Storage.PruneClaimsAsync(scope, cutoff, 100, default));
        // A claim without a request time is never pruned, however late the cut-off.
        Assert.Equal(1, await Storage.PruneClaimsAsync(scope, touchedAt.AddYears(100), 100, default));

        Assert.Null(await Storage.ReadClaimAsync(tenant, scope, "old-2", default));
        Assert.Null(await Storage.ReadClaimAsync(tenant, scope, "new-1", default));
        Assert.NotNull(await Storage.ReadClaimAsync(tenant, scope, "untimed", default));
        Assert.NotNull(await Storage.ReadClaimAsync(tenant, "payment", "old-p", default));
        await ClaimAsync("r5", scope, "old-1", touchedAt);
        Assert.Equal("r5", (await Storage.ReadClaimAsync(tenant, scope, "old-1", default))!.OwnerGrainKey);
    }
}
