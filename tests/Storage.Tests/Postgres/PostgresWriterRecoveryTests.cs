using LoCoPi.Runtime;
using LoCoPi.Storage.Tests.Support;
using Npgsql;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Postgres;

/// <summary>The group-commit writer outlives the loss of its connection.</summary>
public sealed class PostgresWriterRecoveryTests(PostgresProvider provider) : IClassFixture<PostgresProvider>
{
    [Fact]
    public async Task After_its_connection_is_killed_the_writer_reconnects_and_the_sequence_stays_gap_free()
    {
        var database = await provider.CreateDatabaseAsync();
        await using var storage = provider.Create(database);
        await storage.InitializeAsync(default);
        var tenant = NewTenant();
        await storage.WriteStateAsync(Write(Key(tenant, "before"), "s", null, Event("before", "e")), default);

        await using (var admin = new NpgsqlConnection(database))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity " +
                "WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            await kill.ExecuteNonQueryAsync();
            await using var others = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            await Eventually.TrueAsync(() => (long)others.ExecuteScalar()! == 0, "the killed backends are gone");
        }

        // The first write meets the dead connection and fails (it must not hang); the next reconnect.
        var outcomes = new List<bool>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await storage.WriteStateAsync(Write(Key(tenant, $"after-{i}"), "s", null, Event($"after-{i}", "e")), default)
                    .WaitAsync(TimeSpan.FromSeconds(30));
                outcomes.Add(true);
            }
            catch (Exception error) when (error is NpgsqlException or IOException)
            {
                outcomes.Add(false);
            }
        }

        Assert.Equal(new[] { false, true, true }, outcomes);
        var journal = await storage.ReadJournalAsync(tenant, 0, 10, default);
        Assert.Equal(Enumerable.Range(1, journal.Count).Select(i => (long)i), journal.Select(e => e.Seq));
        Assert.Equal(1 + outcomes.Count(ok => ok), journal.Count);
    }
}
