using System.Text;
using LoCoPi.Runtime;
using LoCoPi.Storage.Tests.Support;
using Npgsql;
using Xunit;
using static LoCoPi.Storage.Tests.Support.Writes;

namespace LoCoPi.Storage.Tests.Postgres;

/// <summary>
/// Large grain states (family inboxes of tens of KB) are compressed with lz4: with pglz, a third of
/// PostgreSQL's CPU under the watch-over load went to pglz_compress.
/// </summary>
public sealed class PostgresCompressionTests(PostgresProvider provider) : IClassFixture<PostgresProvider>
{
    [Fact]
    public async Task A_large_state_is_stored_with_lz4_and_reads_back_whole()
    {
        var database = await provider.CreateDatabaseAsync();
        await using var storage = provider.Create(database);
        await storage.InitializeAsync(default);
        var key = Key(NewTenant(), "inbox");
        var text = string.Concat(Enumerable.Range(0, 400).Select(i =>
            $"{{\"residentId\":\"r-{i % 7}\",\"placeId\":\"library\",\"kind\":\"visit\",\"seq\":{i}}},"));
        var payload = Encoding.UTF8.GetBytes(text);
        await storage.WriteStateAsync(new GrainStateWrite(key, payload, null, []), default);

        Assert.Equal(text, Encoding.UTF8.GetString((await storage.ReadStateAsync(key, default))!.Payload!.Value.Span));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var method = new NpgsqlCommand(
            "SELECT pg_column_compression(payload) FROM grain_state WHERE tenant = $1 AND grain_key = $2", connection)
        {
            Parameters = { new() { Value = key.Tenant }, new() { Value = key.GrainKey } },
        };
        Assert.Equal("lz4", await method.ExecuteScalarAsync());
    }
}
