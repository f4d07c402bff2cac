using LoCoPi.Runtime;

namespace LoCoPi.Storage.Tests.Support;

/// <summary>What a conformance wrapper supplies: empty databases of one provider and storages on them.</summary>
public interface IStorageProvider
{
    /// <summary>The database this test class shares (tests isolate themselves by tenant).</summary>
    string SharedDatabase { get; }

    /// <summary>A new, empty database: a file path (SQLite) or a connection string (PostgreSQL).</summary>
    Task<string> CreateDatabaseAsync();

    /// <summary>Overwrites the recorded schema version, as a newer build would have left it.</summary>
    Task SetSchemaVersionAsync(string database, int version);

    /// <summary>Runs <paramref name="sql"/> on <paramref name="database"/>, as an older build or an operator would.</summary>
    Task ExecuteAsync(string database, string sql);

    /// <summary>A storage on <paramref name="database"/>, not yet initialized.</summary>
    IGrainStorage Create(string database, bool groupCommit = true, int maxBatchSize = 1000);
}
