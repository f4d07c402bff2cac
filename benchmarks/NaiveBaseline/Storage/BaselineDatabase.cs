using Npgsql;

namespace LoCoPi.NaiveBaseline.Storage;

internal static class BaselineDatabase
{
    /// <summary>Connections to PostgreSQL at most: more only add backends competing for the same cores.</summary>
    public const int DefaultMaxPoolSize = 64;

    /// <summary>
    /// Reads <c>ConnectionStrings:Baseline</c> (env <c>ConnectionStrings__Baseline</c>). Statements
    /// are auto-prepared, as any team tuning Npgsql would do, so the baseline is not slowed by
    /// re-planning the same five statements on every touch. The pool is sized as a team would size
    /// it for its database (<c>Baseline:MaxPoolSize</c>, default 64), and a request waits for a free
    /// connection up to a minute instead of Npgsql's 15 s: with more concurrent requests than
    /// connections they queue (slower, not failed). Measured before: 256 readers on the test cluster's
    /// 200-connection pool made the baseline collapse to 108 touches/s with HTTP 500s and a 17.5 s p99,
    /// a comparison against a broken baseline.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Baseline")
            ?? throw new InvalidOperationException("Set ConnectionStrings__Baseline to the PostgreSQL connection string.");
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        builder.MaxPoolSize = configuration.GetValue("Baseline:MaxPoolSize", DefaultMaxPoolSize);
        builder.Timeout = 60;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
