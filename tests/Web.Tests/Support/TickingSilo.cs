using System.Net.Http.Headers;
using LoCoPi.Silo.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// A Silo in this process on a SQLite file of its own, driven by a <see cref="TickingClock"/> (so
/// moving the clock fires durable reminders), that can be stopped and started again on the same file.
/// </summary>
public sealed class TickingSilo(DateTimeOffset start) : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-ticking-").FullName;
    private WebApplication? _app;
    private Uri _baseAddress = null!;

    public TickingClock Clock { get; } = new(start);

    public Uri BaseAddress => _baseAddress;

    /// <summary>The node's SQLite file, to change while it is stopped.</summary>
    public string DatabasePath => Path.Combine(_directory, "locopi.db");

    public async Task StartAsync()
    {
        var options = SiloOptions.Parse([
            "--storage", "sqlite", "--Storage:SqlitePath=" + DatabasePath,
            "--urls", "http://127.0.0.1:0", "--LOCOPI_ADMIN_TOKEN=" + SiloFixture.AdminToken]);
        var builder = WebApplication.CreateBuilder(options.HostArguments);
        builder.AddLoCoPiSilo(options);
        builder.Services.AddSingleton<TimeProvider>(Clock);
        _app = builder.Build();
        _app.UseLoCoPiSilo(options);
        await _app.StartAsync();
        _baseAddress = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A client of the running node with <paramref name="token"/> as its bearer token (none when null).</summary>
    public HttpClient Client(string? token)
    {
        var client = new HttpClient { BaseAddress = _baseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public HttpClient AdminClient() => Client(SiloFixture.AdminToken);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
