using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Runtime.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file from its own connection, so the group-commit writer
/// never pays for a checkpoint (two extra fsyncs) inside a commit. A passive checkpoint takes no
/// lock the writer needs.
/// </summary>
internal sealed partial class SqliteCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public SqliteCheckpointer(string connectionString, TimeProvider timeProvider, ILogger logger)
        => _loop = Task.Run(() => RunAsync(connectionString, timeProvider, logger));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        _stopping.Dispose();
    }

    private async Task RunAsync(string connectionString, TimeProvider timeProvider, ILogger logger)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            while (!_stopping.IsCancellationRequested)
            {
                await Task.Delay(Interval, timeProvider, _stopping.Token);
                try
                {
                    checkpoint.ExecuteNonQuery();
                }
                catch (SqliteException error)
                {
                    // The writer's own auto-checkpoint (at a larger WAL size) still bounds the WAL.
                    CheckpointFailed(logger, error);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background WAL checkpoint failed")]
    private static partial void CheckpointFailed(ILogger logger, Exception error);
}
