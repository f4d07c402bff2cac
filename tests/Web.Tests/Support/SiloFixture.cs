using System.Net;
using System.Net.Http.Headers;
using LoCoPi.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// One Silo per test class, composed exactly as Program.cs composes it, listening on a real
/// Kestrel port, with real storage and a <see cref="ManualClock"/>. Tests use their own tenants.
/// </summary>
public abstract class SiloFixture : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token-0123456789abcdef0123456789abcdef";

    private WebApplication? _app;

    /// <summary>Monday 2025-06-02 03:00 UTC = 12:00 in Tokyo.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2025, 6, 2, 3, 0, 0, TimeSpan.Zero));

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>What the node logged, across restarts.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>The running node's services (to read the committed journal directly).</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Arguments selecting the storage provider for this fixture.</summary>
    protected abstract Task<string[]> StorageArgumentsAsync();

    /// <summary>Further configuration (<c>--Key=value</c>) of a fixture made for one setting.</summary>
    protected virtual string[] SettingArguments => [];

    /// <summary>Services a fixture made for one test adds to the node (e.g. a projection that fails on demand).</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    private string[] _storageArguments = [];

    public async Task InitializeAsync()
    {
        _storageArguments = await StorageArgumentsAsync();
        await StartAsync();
    }

    /// <summary>
    /// Stops the node and starts a new one on the same storage (and the same clock): what a durable
    /// state must survive. The new node listens on a new port: make clients after this.
    /// </summary>
    public async Task RestartAsync()
    {
        await DisposeAsync();
        _app = null;
        await StartAsync();
    }

    private async Task StartAsync()
    {
        var options = SiloOptions.Parse([.. _storageArguments, .. SettingArguments, "--urls", "http://127.0.0.1:0", "--LOCOPI_ADMIN_TOKEN=" + AdminToken]);
        var builder = WebApplication.CreateBuilder(options.HostArguments);
        builder.AddLoCoPiSilo(options);
        AddServices(builder.Services);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Logging.AddProvider(Logs);
        _app = builder.Build();
        _app.UseLoCoPiSilo(options);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public HttpClient Client(string? token = null, string? language = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    public HttpClient AdminClient(string? language = null) => Client(AdminToken, language);
}

public class SqliteSiloFixture : SiloFixture, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-web-").FullName;

    /// <summary>Where the database files are (to read what was stored, byte for byte).</summary>
    public string DataDirectory => _directory;

    protected override Task<string[]> StorageArgumentsAsync()
        => Task.FromResult(new[] { "--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(_directory, "locopi.db") });

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }
}

public class PostgresSiloFixture : SiloFixture
{
    protected override async Task<string[]> StorageArgumentsAsync()
    {
        var connectionString = await PostgresDatabases.CreateAsync("locopi_web");
        return ["--storage", "postgres", "--ConnectionStrings:Postgres=" + connectionString];
    }
}
