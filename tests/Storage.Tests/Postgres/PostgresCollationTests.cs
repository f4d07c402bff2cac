using LoCoPi.Runtime;
using LoCoPi.Storage.Tests.Support;
using Npgsql;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Postgres;

/// <summary>
/// Identifier columns compare byte by byte (<c>COLLATE "C"</c>): under a linguistic collation every
/// B-tree probe and insert of the hot path went through <c>strcoll</c>.
/// </summary>
public sealed class PostgresCollationTests(PostgresProvider provider) : IClassFixture<PostgresProvider>
{
    private const string LinguisticColumnsSql = """
        SELECT table_name || '.' || column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'text'
          AND table_name IN ('grain_state', 'journal', 'stream_cursors', 'reminders', 'idempotency_claims')
          AND column_name NOT IN ('body_hash', 'result')
          AND coalesce(collation_name, '') <> 'C'
        ORDER BY 1
        """;

    [Fact]
    public async Task A_new_database_compares_every_identifier_column_byte_by_byte()
    {
        var database = await provider.CreateDatabaseAsync();
        await using (var storage = provider.Create(database))
        {
            await storage.InitializeAsync(default);
        }

        Assert.Empty(await ReadColumnsAsync(database, LinguisticColumnsSql));
    }

    [Fact]
    public async Task A_database_of_schema_version_6_is_migrated_and_keeps_its_states_events_and_claims()
    {
        var database = await provider.CreateDatabaseAsync();
        var key = Key(NewTenant(), "r1");
        var claim = new IdempotencyClaim("touch", "t1", "r1", "h1");
        await using (var current = provider.Create(database))
        {
            await current.InitializeAsync(default);
            await current.WriteStateAsync(Write(key, "before", null, Event("r1", "e1")) with { Claims = [claim] }, default);
        }

        // What version 6 left: the database's own collation on every text column.
        await provider.ExecuteAsync(database, """
            ALTER TABLE grain_state ALTER COLUMN tenant TYPE text COLLATE "default", ALTER COLUMN grain_key TYPE text COLLATE "default";
            ALTER TABLE journal ALTER COLUMN tenant TYPE text COLLATE "default";
            ALTER TABLE idempotency_claims ALTER COLUMN claim_key TYPE text COLLATE "default";
            """);
        await provider.SetSchemaVersionAsync(database, 6);
        Assert.NotEmpty(await ReadColumnsAsync(database, LinguisticColumnsSql));

        await using var upgraded = provider.Create(database);
        await upgraded.InitializeAsync(default);

        Assert.Empty(await ReadColumnsAsync(database, LinguisticColumnsSql));
        var state = await upgraded.ReadStateAsync(key, default);
        Assert.Equal(1, state!.Version);
        Assert.Equal(claim, await upgraded.ReadClaimAsync(key.Tenant, "touch", "t1", default));
        var second = new IdempotencyClaim("touch", "t1", "r1", "h2");
        await Assert.ThrowsAsync<IdempotencyClaimConflictException>(
            () => upgraded.WriteStateAsync(Write(key, "again", 1, Event("r1", "e2")) with { Claims = [second] }, default));
        await upgraded.WriteStateAsync(Write(key, "after", 1, Event("r1", "e3")), default);
        Assert.Equal(["e1", "e3"], (await upgraded.ReadJournalAsync(key.Tenant, 0, 10, default)).Select(e => Text(e.Payload)));
    }

    private static async Task<List<string>> ReadColumnsAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
