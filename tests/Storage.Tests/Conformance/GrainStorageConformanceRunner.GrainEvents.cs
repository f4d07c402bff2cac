using LoCoPi.Runtime;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Conformance;

/// <summary>A grain's own events, read back from the journal by the grain that raised them.</summary>
public abstract partial class GrainStorageConformanceRunner
{
    [Fact]
    public async Task A_grains_events_of_one_type_are_read_back_newest_first_from_after_a_sequence_number_and_no_one_elses()
    {
        var tenant = NewTenant();
        var mine = Key(tenant, "r1", "resident");
        var other = Key(tenant, "r2", "resident");
        var sameKeyOtherType = Key(tenant, "r1", "card");
        long version = 0;
        for (var i = 1; i <= 5; i++)
        {
            version = (await Storage.WriteStateAsync(Write(mine, $"s{i}", i == 1 ? null : version,
                Raised("r1", $"touch-{i}"), Raised("r1", $"defined-{i}", "resident.defined")), default)).Version;
            await Storage.WriteStateAsync(Write(other, $"s{i}", i == 1 ? null : i - 1, Raised("r2", $"other-{i}")), default);
        }

        await Storage.WriteStateAsync(Write(sameKeyOtherType, "s", null, Event("r1", "card-event")), default);
        await Storage.WriteStateAsync(Write(Key(NewTenant(), "r1", "resident"), "s", null, Raised("r1", "elsewhere")), default);

        var latest = await Storage.ReadGrainEventsAsync(tenant, "resident", "r1", "touch.recorded", 0, 3, default);

        Assert.Equal(new[] { "touch-5", "touch-4", "touch-3" }, latest.Select(e => Text(e.Payload)));
        Assert.True(latest[0].Seq > latest[1].Seq && latest[1].Seq > latest[2].Seq);
        Assert.All(latest, e => Assert.Equal((tenant, "resident", "r1", "touch.recorded"), (e.Tenant, e.GrainType, e.GrainKey, e.EventType)));
        Assert.Equal(latest[0].Seq, (await Storage.ReadJournalAsync(tenant, latest[0].Seq - 1, 1, default))[0].Seq);
        Assert.Equal(5, (await Storage.ReadGrainEventsAsync(tenant, "resident", "r1", "touch.recorded", 0, 50, default)).Count);
        Assert.Empty(await Storage.ReadGrainEventsAsync(tenant, "resident", "nobody", "touch.recorded", 0, 50, default));

        var afterThird = await Storage.ReadGrainEventsAsync(tenant, "resident", "r1", "touch.recorded", latest[2].Seq, 50, default);
        Assert.Equal(new[] { "touch-5", "touch-4" }, afterThird.Select(e => Text(e.Payload)));
        Assert.Empty(await Storage.ReadGrainEventsAsync(tenant, "resident", "r1", "touch.recorded", latest[0].Seq, 50, default));
    }

    private static PendingEvent Raised(string residentId, string text, string eventType = "touch.recorded")
        => new(eventType, "resident", residentId, Bytes(text), EventTime);
}
