namespace LoCoPi.Runtime.Tests.Storage;

public sealed class MemoryGrainStorageTests
{
    private static readonly GrainStateKey Key = new("t1", "wallet", "020235", "state");

    [Fact]
    public async Task Writes_check_the_expected_version()
    {
        var storage = new MemoryGrainStorage();
        Assert.Equal(1, (await storage.WriteStateAsync(Write(null, "a"), default)).Version);
        Assert.Equal(2, (await storage.WriteStateAsync(Write(1, "b"), default)).Version);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(Write(1, "c"), default));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(Write(null, "c"), default));
        Assert.Equal("b"u8.ToArray(), (await storage.ReadStateAsync(Key, default))!.Payload!.Value.ToArray());
    }

    [Fact]
    public async Task Keys_are_exact_text()
    {
        var storage = new MemoryGrainStorage();
        await storage.WriteStateAsync(Write(null, "a"), default);

        Assert.Null(await storage.ReadStateAsync(Key with { GrainKey = "20235" }, default));
        Assert.Null(await storage.ReadStateAsync(Key with { GrainType = "card" }, default));
    }

    [Fact]
    public async Task Clearing_leaves_a_tombstone_that_keeps_the_version()
    {
        var storage = new MemoryGrainStorage();
        await storage.WriteStateAsync(Write(null, "a"), default);

        var cleared = await storage.WriteStateAsync(new GrainStateWrite(Key, null, 1, []), default);

        var stored = await storage.ReadStateAsync(Key, default);
        Assert.Equal(2, cleared.Version);
        Assert.Null(stored!.Payload);
        Assert.Equal(2, stored.Version);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(Write(null, "a"), default));
    }

    [Fact]
    public async Task Events_get_gap_free_sequence_numbers_per_tenant_and_reach_the_listener_in_commit_order()
    {
        var storage = new MemoryGrainStorage();
        var listener = new RecordingListener();
        storage.SetCommitListener(listener);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => storage.WriteStateAsync(
            new GrainStateWrite(Key with { GrainKey = $"k{i}" }, "{}"u8.ToArray(), null, [Event("touch.recorded"), Event("points.earned")]),
            default))));
        await storage.WriteStateAsync(new GrainStateWrite(Key with { Tenant = "t2" }, "{}"u8.ToArray(), null, [Event("x")]), default);

        var journal = await storage.ReadJournalAsync("t1", 0, 1000, default);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), journal.Select(e => e.Seq));
        Assert.Equal(journal.Select(e => e.Seq), listener.Seen.Where(e => e.Tenant == "t1").Select(e => e.Seq));
        Assert.Equal(1, Assert.Single(await storage.ReadJournalAsync("t2", 0, 10, default)).Seq);
        Assert.Equal([51L, 52L], (await storage.ReadJournalAsync("t1", 50, 2, default)).Select(e => e.Seq));
        Assert.Equal(100, (await storage.ReadJournalHeadsAsync(default))["t1"]);
    }

    [Fact]
    public async Task A_refused_write_commits_none_of_its_events()
    {
        var storage = new MemoryGrainStorage();
        await storage.WriteStateAsync(Write(null, "a"), default);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(new GrainStateWrite(Key, "{}"u8.ToArray(), 7, [Event("x")]), default));

        Assert.Empty(await storage.ReadJournalAsync("t1", 0, 10, default));
    }

    [Fact]
    public async Task Cursors_and_reminders_round_trip()
    {
        var storage = new MemoryGrainStorage();
        Assert.Null(await storage.ReadCursorAsync("counters", "t1", default));
        await storage.WriteCursorAsync("counters", "t1", 42, default);
        var reminder = new ReminderEntry(new GrainId("alarm", "t1", "e"), "not-seen", DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1));
        await storage.UpsertReminderAsync(reminder, default);
        await storage.UpsertReminderAsync(reminder with { Period = TimeSpan.FromHours(2) }, default);

        Assert.Equal(42, await storage.ReadCursorAsync("counters", "t1", default));
        Assert.Equal(TimeSpan.FromHours(2), Assert.Single(await storage.ReadRemindersAsync(default)).Period);
        await storage.DeleteReminderAsync(reminder.GrainId, reminder.Name, default);
        Assert.Empty(await storage.ReadRemindersAsync(default));
    }

    private static GrainStateWrite Write(long? expected, string payload)
        => new(Key, System.Text.Encoding.UTF8.GetBytes(payload), expected, []);

    private static PendingEvent Event(string type) => new(type, "wallet", "020235", "{}"u8.ToArray(), DateTimeOffset.UnixEpoch);

    private sealed class RecordingListener : IJournalCommitListener
    {
        public List<CommittedEvent> Seen { get; } = [];

        public void OnCommitted(IReadOnlyList<CommittedEvent> events) => Seen.AddRange(events);
    }
}
