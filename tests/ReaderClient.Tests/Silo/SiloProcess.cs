using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using LoCoPi.ReaderClient.Tests.Infrastructure;

namespace LoCoPi.ReaderClient.Tests.Silo;

/// <summary>
/// The real Silo (<c>src/Silo</c>, built alongside the tests) as a child process with SQLite in a
/// temp folder, plus the admin calls that register a town for the reader.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    public const string AdminToken = "reader-e2e-admin-token-0123456789abcdef0123456789";

    private readonly List<string> _output = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-silo-").FullName;
    private readonly string[] _arguments;
    private Process? _process;

    private SiloProcess(Uri url, string[] arguments)
    {
        Url = url;
        _arguments = arguments;
        Admin = new HttpClient { BaseAddress = url };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
    }

    public Uri Url { get; }

    public HttpClient Admin { get; }

    /// <summary>Starts the Silo; <paramref name="arguments"/> are added to its command line (e.g. <c>--demo</c>).</summary>
    public static async Task<SiloProcess> StartAsync(params string[] arguments)
    {
        var silo = new SiloProcess(new Uri($"http://127.0.0.1:{FreePort()}/"), arguments);
        await silo.RestartAsync();
        return silo;
    }

    /// <summary>Starts the Silo again on the same port and database, after <see cref="StopAsync"/>.</summary>
    public async Task RestartAsync()
    {
        var dll = LocateSilo();
        var info = new ProcessStartInfo("dotnet", [dll, "--storage", "sqlite", "--Storage:SqlitePath=" + Path.Combine(_directory, "locopi.db"),
            "--urls", Url.ToString().TrimEnd('/'), .. _arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll),
        };
        info.Environment["LOCOPI_ADMIN_TOKEN"] = AdminToken;
        var process = Process.Start(info) ?? throw new InvalidOperationException("the Silo did not start");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await Deadline.WaitForAsync(async () => process.HasExited || await HealthyAsync(), TimeSpan.FromSeconds(60), "the Silo's /healthz");
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"{e.Message}\n{Output}", e);
        }

        if (process.HasExited)
        {
            throw new InvalidOperationException($"the Silo exited:\n{Output}");
        }
    }

    /// <summary>SIGTERM: the Silo's graceful stop (the outage is the subject, not a crash of the server).</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        _process = null;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>PUTs an admin resource; every optional field is sent explicitly.</summary>
    public async Task PutAsync(string path, object body)
    {
        using var response = await Admin.PutAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<JsonNode> GetAsync(string path) =>
        JsonNode.Parse(await Admin.GetStringAsync(path)) ?? throw new InvalidOperationException($"GET {path}: empty");

    /// <summary>
    /// A town with a library (10 points a visit), one resident per card (resident id = card id
    /// without its "svc-"/"sim-" prefix), and a visit reader; returns the reader's token. Optional
    /// fields are sent explicitly as null.
    /// </summary>
    public async Task<string> RegisterTownAsync(string tenantId, IEnumerable<string> cardIds)
    {
        await PutAsync($"api/v1/tenants/{tenantId}", new { name = "朝日町", timeZone = (string?)null });
        await PutAsync($"api/v1/tenants/{tenantId}/places/library",
            new { name = "図書館", kind = "facility", pointsPerVisit = 10, capacity = (int?)null, category = (string?)null });
        foreach (var card in cardIds)
        {
            var resident = "r-" + card;
            await PutAsync($"api/v1/tenants/{tenantId}/residents/{resident}", new { displayName = resident, birthYear = (int?)null, attributes = (object?)null });
            await PutAsync($"api/v1/tenants/{tenantId}/cards/{card}", new { residentId = resident });
        }

        return await ReaderTokenAsync(tenantId, "library-gate", "library", "visit");
    }

    /// <summary>Registers a reader and returns its token.</summary>
    public async Task<string> ReaderTokenAsync(string tenantId, string readerId, string placeId, string mode)
    {
        using var response = await Admin.PutAsJsonAsync($"api/v1/tenants/{tenantId}/readers/{readerId}", new { placeId, mode });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return body?["token"]?.GetValue<string>() ?? throw new InvalidOperationException($"no reader token: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var response = await Admin.GetAsync("healthz");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>src/Silo/bin/&lt;same configuration&gt;/net10.0/LoCoPi.Silo.dll, next to this test build.</summary>
    private static string LocateSilo()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LoCoPi.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? "", "src", "Silo", "bin", configuration, framework, "LoCoPi.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("the Silo is not built next to the tests", dll);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
