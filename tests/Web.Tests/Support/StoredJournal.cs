using System.Text.Json;
using LoCoPi.Runtime;
using LoCoPi.Runtime.Storage.Postgres;
using LoCoPi.Runtime.Storage.Sqlite;

namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// Reads what a (killed) Silo left in its storage, opened directly from the test: the crash suites
/// check the journal itself, not what the restarted Silo says about it.
/// </summary>
public static class StoredJournal
{
    public static async Task<IGrainStorage> OpenSqliteAsync(string databasePath)
    {
        var storage = new SqliteGrainStorage(new SqliteGrainStorageOptions { DataSource = databasePath });
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    public static async Task<IGrainStorage> OpenPostgresAsync(string connectionString)
    {
        var storage = new PostgresGrainStorage(new PostgresGrainStorageOptions { ConnectionString = connectionString });
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    /// <summary>Every event of <paramref name="eventType"/> in the tenant's journal, in order, as parsed JSON roots.</summary>
    public static async Task<List<JsonElement>> ReadAsync(IGrainStorage storage, string tenant, string eventType)
    {
        var events = new List<JsonElement>();
        for (long after = 0; ;)
        {
            var page = await storage.ReadJournalAsync(tenant, after, 5_000, CancellationToken.None);
            if (page.Count == 0)
            {
                return events;
            }

            foreach (var e in page.Where(e => e.EventType == eventType))
            {
                using var json = JsonDocument.Parse(e.Payload);
                events.Add(json.RootElement.Clone());
            }

            after = page[^1].Seq;
        }
    }

    /// <summary>A property by name, whatever its casing.</summary>
    public static JsonElement Property(JsonElement element, string name)
        => element.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
