using LoCoPi.Runtime.Tests.Grains;
using LoCoPi.Runtime.Tests.Support;

namespace LoCoPi.Runtime.Tests.Storage;

/// <summary>
/// The runtime promises that hold across a restart, checked on a real SQLite file: each "start" opens
/// a new storage instance on the file the previous one closed, as a restarted Silo does.
/// </summary>
public sealed class SqliteRestartTests : IDisposable
{
    private static readonly GrainStateKey CounterKey = new("t1", "counter", "c1", "state");

    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-runtime-").FullName;

    private string DatabasePath => Path.Combine(_directory, "locopi.db");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_reminder_fires_after_a_restart_on_a_durable_store()
    {
        var time = new ManualTimeProvider();
        var probe = new Probe();
        await using (var storage = OpenStorage(time))
        {
            await using var first = await RuntimeHarness.StartAsync(storage: storage, time: time, probe: probe);
            await first.Runtime.GetGrain<IAlarmGrain>("t1", "elder-7").SetAsync(TimeSpan.FromMinutes(10));
        }

        await using var reopened = OpenStorage(time);
        await using var second = await RuntimeHarness.StartAsync(storage: reopened, time: time, probe: probe);
        Assert.Equal(0, probe.RemindersReceived);

        time.Advance(TimeSpan.FromMinutes(10));

        await Eventually.HoldsAsync(() => probe.RemindersReceived == 1, "reminder delivered after restart");
        await Eventually.HoldsAsync(
            () => reopened.ReadRemindersAsync(default).Result.Single().NextDueAt == time.GetUtcNow() + TimeSpan.FromMinutes(10),
            "next due time stored");
    }

    [Fact]
    public async Task State_written_before_a_restart_is_loaded_after_it_and_a_stale_etag_still_fails()
    {
        var time = new ManualTimeProvider();
        await using (var storage = OpenStorage(time))
        {
            await using var first = await RuntimeHarness.StartAsync(storage: storage, time: time);
            Assert.Equal(1, await first.Counter().IncrementAsync());
            Assert.Equal(2, await first.Counter().IncrementAsync());
        }

        await using var reopened = OpenStorage(time);
        await using var second = await RuntimeHarness.StartAsync(storage: reopened, time: time);
        Assert.Equal(3, await second.Counter().IncrementAsync());

        // Another writer moves the record on behind the activation's back.
        await reopened.WriteStateAsync(
            new GrainStateWrite(CounterKey, "{\"value\":41}"u8.ToArray(), 3, []), CancellationToken.None);
        await Assert.ThrowsAsync<InconsistentStateException>(second.Counter().IncrementAsync);
        Assert.Equal(42, await second.Counter().IncrementAsync());
    }

    private SqliteGrainStorage OpenStorage(TimeProvider time)
        => new(new SqliteGrainStorageOptions { DataSource = DatabasePath }, logger: null, timeProvider: time);
}
