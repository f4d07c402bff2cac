using LoCoPi.Grains;
using LoCoPi.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace LoCoPi.Silo.Hosting;

/// <summary>Registers the chosen <see cref="IGrainStorage"/>; the runtime creates the schema when it starts.</summary>
public static class StorageSetup
{
    /// <summary>Configuration key of the SQLite file (default <c>./data/locopi.db</c>).</summary>
    public const string SqlitePathKey = "Storage:SqlitePath";

    /// <summary>Configuration key of the most writes waiting for a group commit (default <see cref="GroupCommitDefaults.MaxQueuedWrites"/>).</summary>
    public const string MaxQueuedWritesKey = "Storage:MaxQueuedWrites";

    /// <summary>Seconds a journal consumer may stay on one batch (failing or hanging) before /readyz says not ready (default 30).</summary>
    public const string StuckAfterKey = "Streams:StuckAfterSeconds";

    /// <summary>Milliseconds before a failed journal delivery is first retried (default 50); each retry waits twice as long.</summary>
    public const string FirstRetryKey = "Streams:FirstRetryMilliseconds";

    /// <summary>Longest wait in seconds between two retries of a failed journal delivery (default 5).</summary>
    public const string MaxRetryKey = "Streams:MaxRetrySeconds";

    public static WebApplicationBuilder AddLoCoPiStorage(this WebApplicationBuilder builder, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var maxQueuedWrites = builder.Configuration.GetValue(MaxQueuedWritesKey, GroupCommitDefaults.MaxQueuedWrites);
        if (options.Storage == StorageProvider.Postgres)
        {
            // ConnectionStrings:Postgres from appsettings.json, or ConnectionStrings__Postgres from the environment.
            var connectionString = builder.Configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "--storage postgres needs ConnectionStrings:Postgres (appsettings.json) or ConnectionStrings__Postgres (environment).");
            }

            AddSingleSiloLock(builder, new PostgresDatabaseLock(connectionString));
            builder.Services.AddSingleton<IGrainStorage>(sp => new PostgresGrainStorage(
                new PostgresGrainStorageOptions { ConnectionString = connectionString, MaxQueuedWrites = maxQueuedWrites },
                sp.GetService<ILogger<PostgresGrainStorage>>()));
        }
        else
        {
            var path = builder.Configuration[SqlitePathKey] ?? "./data/locopi.db";
            AddSingleSiloLock(builder, new SqliteFileLock(path));
            builder.Services.AddSingleton<IGrainStorage>(sp => new SqliteGrainStorage(
                new SqliteGrainStorageOptions { DataSource = path, MaxQueuedWrites = maxQueuedWrites },
                sp.GetService<ILogger<SqliteGrainStorage>>()));
        }

        return builder;
    }

    // Registered before the runtime, whose start opens the storage: hosted services start in
    // registration order, so a second Silo stops before it touches the database.
    private static void AddSingleSiloLock(WebApplicationBuilder builder, IDatabaseLock database)
    {
        var timing = new SingleSiloLock.Timing(
            TimeSpan.FromSeconds(builder.Configuration.GetValue(SingleSiloLock.WaitKey, 15.0)),
            TimeSpan.FromSeconds(builder.Configuration.GetValue(SingleSiloLock.CheckKey, 5.0)));
        builder.Services.AddHostedService(sp => new SingleSiloLock(
            database, timing, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<SingleSiloLock>>()));
    }

    /// <summary>
    /// The committed journal as streams (<see cref="IJournalStreams"/>). Call after the runtime:
    /// hosted services start in registration order and the manager reads the journal heads, which
    /// needs the schema the runtime's start creates.
    /// </summary>
    public static IServiceCollection AddLoCoPiJournalStreams(this IServiceCollection services)
    {
        // One serializer for the runtime and for the subscribers that decode journal events.
        services.TryAddSingleton<IGrainSerializer>(
            new JsonGrainSerializer(JsonGrainSerializer.CreateOptions(GrainStatesJsonContext.HotPathResolvers)));
        services.AddSingleton(sp => ReadStreamOptions(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<JournalStreamManager>();
        services.AddSingleton<IJournalStreams>(sp => sp.GetRequiredService<JournalStreamManager>());
        services.AddSingleton<IJournalDeliveryHealth>(sp => sp.GetRequiredService<JournalStreamManager>());
        services.AddHostedService(sp => sp.GetRequiredService<JournalStreamManager>());
        return services;
    }

    private static JournalStreamOptions ReadStreamOptions(IConfiguration configuration)
    {
        var defaults = new JournalStreamOptions();
        return new JournalStreamOptions
        {
            StuckAfter = TimeSpan.FromSeconds(configuration.GetValue(StuckAfterKey, defaults.StuckAfter.TotalSeconds)),
            FirstRetryDelay = TimeSpan.FromMilliseconds(configuration.GetValue(FirstRetryKey, defaults.FirstRetryDelay.TotalMilliseconds)),
            MaxRetryDelay = TimeSpan.FromSeconds(configuration.GetValue(MaxRetryKey, defaults.MaxRetryDelay.TotalSeconds)),
        };
    }
}
