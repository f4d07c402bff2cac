using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LoCoPi.LoadGenerator.Setup;

namespace LoCoPi.LoadGenerator.Watch;

/// <summary>
/// The watch benchmark's town, made through the admin API: places with one visit reader each,
/// residents with one card each, family accounts each watching its own residents (every resident
/// has exactly one watcher, so every touch makes exactly one alert), and a login per family.
/// Every step is idempotent, so a second run on the same tenant reuses what is there.
/// </summary>
internal sealed class WatchSetup(HttpClient http, WatchLoadOptions options)
{
    private const int Parallelism = 32;
    private const string Password = "watch-bench-2025-password";

    public static string ResidentId(int index) => "watch-res-" + index.ToString("D6", CultureInfo.InvariantCulture);

    public static string CardId(int index) => "watch-card-" + index.ToString("D6", CultureInfo.InvariantCulture);

    public static string FamilyId(int index) => "watch-fam-" + index.ToString("D5", CultureInfo.InvariantCulture);

    public static string PlaceId(int index) => "watch-place-" + index.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>Returns one token per reader (place) and one login token per family.</summary>
    public async Task<(string[] ReaderTokens, string[] FamilyTokens)> RunAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var t = Uri.EscapeDataString(options.TenantId);
        await SendAsync(HttpMethod.Put, $"api/v1/tenants/{t}", new { name = "見守りベンチ町", timeZone = "Asia/Tokyo" }, options.AdminToken, cancellationToken);
        var readers = new string[options.Places];
        await Parallel.ForAsync(0, options.Places, Options(cancellationToken), async (p, ct) =>
        {
            await SendAsync(HttpMethod.Put, $"api/v1/tenants/{t}/places/{PlaceId(p)}", new { name = $"施設 {p}", kind = "facility", pointsPerVisit = 10 }, options.AdminToken, ct);
            var reader = await SendAsync(HttpMethod.Put, $"api/v1/tenants/{t}/readers/watch-reader-{p:D3}", new { placeId = PlaceId(p), mode = "visit" }, options.AdminToken, ct);
            readers[p] = reader.GetProperty("token").GetString()!;
        });

        var families = new string[options.Families];
        if (await IsCompleteAsync(cancellationToken))
        {
            Console.WriteLine($"  families, residents and links already present in tenant {options.TenantId}");
            await Parallel.ForAsync(0, options.Families, Options(cancellationToken), async (f, ct) => families[f] = await LoginAsync(f, ct));
            return (readers, families);
        }

        await Parallel.ForAsync(0, options.Families, Options(cancellationToken), async (f, ct) =>
        {
            await SendAsync(HttpMethod.Post, $"api/v1/tenants/{t}/accounts",
                new { accountId = FamilyId(f), role = "family", displayName = $"家族 {f}", password = Password }, options.AdminToken, ct, HttpStatusCode.Conflict);
            for (var k = 0; k < options.ResidentsPerFamily; k++)
            {
                var r = f * options.ResidentsPerFamily + k;
                await SendAsync(HttpMethod.Put, $"api/v1/tenants/{t}/residents/{ResidentId(r)}", new { displayName = $"見守られる方 {r}" }, options.AdminToken, ct);
                await SendAsync(HttpMethod.Put, $"api/v1/tenants/{t}/cards/{CardId(r)}", new { residentId = ResidentId(r) }, options.AdminToken, ct);
                await SendAsync(HttpMethod.Put, $"api/v1/tenants/{t}/residents/{ResidentId(r)}/watchers/{FamilyId(f)}",
                    new { consentBy = "本人", consentAt = "2025-06-01T10:00:00+09:00" }, options.AdminToken, ct);
            }

            families[f] = await LoginAsync(f, ct);
        });
        Console.WriteLine($"  setup: {options.Places} places/readers, {options.Residents} residents, {options.Families} families in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return (readers, families);
    }

    private async Task<string> LoginAsync(int family, CancellationToken cancellationToken)
    {
        var login = await SendAsync(HttpMethod.Post, "api/v1/login",
            new { tenantId = options.TenantId, accountId = FamilyId(family), password = Password }, null, cancellationToken);
        return login.GetProperty("token").GetString()!;
    }

    /// <summary>
    /// Six thousand admin calls take minutes on a busy machine: skip them when the last family can
    /// log in and already watches all its residents, which means an earlier run finished this step.
    /// </summary>
    private async Task<bool> IsCompleteAsync(CancellationToken cancellationToken)
    {
        try
        {
            var token = await LoginAsync(options.Families - 1, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(options.Target, "api/v1/me/watched"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetArrayLength() == options.ResidentsPerFamily;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private async Task<JsonElement> SendAsync(
        HttpMethod method, string path, object body, string? token, CancellationToken cancellationToken, HttpStatusCode? alsoFine = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.Target, path)) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == alsoFine)
        {
            return default;
        }

        await SiloSetup.EnsureSuccessAsync(response, request, cancellationToken);
        return response.Content.Headers.ContentLength is 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
}
