using System.Collections.Concurrent;
using Npgsql;

namespace LoCoPi.NaiveBaseline.Readers;

/// <summary>
/// Resolves reader tokens. Tokens are cached after the first lookup, as the Silo caches its
/// readers, so the comparison is about the touch's write path, not about token lookups.
/// </summary>
internal sealed class ReaderDirectory(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<string, Reader> _byToken = new(StringComparer.Ordinal);

    public async ValueTask<Reader?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (_byToken.TryGetValue(token, out var cached))
        {
            return cached;
        }
        await using var command = dataSource.CreateCommand("""
            SELECT r.tenant_id, r.reader_id, r.place_id, r.mode, p.points_per_visit, t.time_zone
            FROM naive.readers r
            JOIN naive.places p ON p.tenant_id = r.tenant_id AND p.place_id = r.place_id
            JOIN naive.tenants t ON t.tenant_id = r.tenant_id
            WHERE r.token = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = token });
        await using var row = await command.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
        {
            return null;
        }
        var reader = new Reader(
            row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3), row.GetInt64(4),
            TimeZoneInfo.FindSystemTimeZoneById(row.GetString(5)));
        return _byToken.GetOrAdd(token, reader);
    }

    /// <summary>Re-registering readers issues new tokens; old ones must stop working at once.</summary>
    public void Forget() => _byToken.Clear();
}
