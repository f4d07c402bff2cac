using Npgsql;

namespace LoCoPi.NaiveBaseline.Storage;

internal static class BaselineDatabase
{
    /// <summary>
    /// Reads <c>ConnectionStrings:Baseline</c> (env <c>ConnectionStrings__Baseline</c>). Statements
    /// are auto-prepared, as any team tuning Npgsql would do, so the baseline is not slowed by
    /// re-planning the same five statements on every touch.
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
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }
}
