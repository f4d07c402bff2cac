using LoCoPi.Web.Tests.Support;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// Which storage a test Silo runs on, as Silo arguments. SQLite gets a fresh file; PostgreSQL a
/// fresh database on the cluster named by <c>LOCOPI_TEST_POSTGRES</c> (failing loudly without it).
/// Restarting a Silo with the same instance reopens the same data.
/// </summary>
public sealed class LiveStorage : IDisposable
{
    private readonly string? _directory;

    private LiveStorage(string[] arguments, string? directory)
    {
        Arguments = arguments;
        _directory = directory;
    }

    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The SQLite file, for a test that reads what was stored; null on PostgreSQL.</summary>
    public string? SqlitePath => _directory is null ? null : Path.Combine(_directory, "locopi.db");

    public static Task<LiveStorage> SqliteAsync()
    {
        var directory = Directory.CreateTempSubdirectory("locopi-live-").FullName;
        return Task.FromResult(new LiveStorage(
            ["--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(directory, "locopi.db")], directory));
    }

    public static async Task<LiveStorage> PostgresAsync()
    {
        var connectionString = await PostgresDatabases.CreateAsync("locopi_live");
        return new LiveStorage(["--storage", "postgres", "--ConnectionStrings:Postgres=" + connectionString], null);
    }

    public void Dispose()
    {
        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a stopping Silo; the OS cleans its temp directory.
            }
        }
    }
}
