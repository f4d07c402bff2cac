using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoCoPi.LoadGenerator.Setup;

/// <summary>
/// Creates the benchmark tenant through the Silo's admin API (API.md, Administration).
/// Every PUT there is idempotent, so running it again changes nothing but the reader tokens,
/// which the API re-issues on every registration by design.
/// </summary>
internal sealed class SiloSetup(HttpClient http, Uri baseUrl, string adminToken)
{
    private const int Parallelism = 32;

    public async Task<IReadOnlyList<string>> RunAsync(BenchmarkPopulation population, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var tenant = Escape(population.TenantId);
        await PutAsync($"api/v1/tenants/{tenant}", new { name = "LoCoPi benchmark", timeZone = "Asia/Tokyo" }, cancellationToken);
        await Parallel.ForAsync(0, population.PlaceCount, Options(cancellationToken), async (i, ct) =>
            await PutAsync(
                $"api/v1/tenants/{tenant}/places/{Escape(population.PlaceId(i))}",
                new { name = $"Benchmark facility {i}", kind = "facility", pointsPerVisit = BenchmarkPopulation.PointsPerVisit },
                ct));

        // Ten thousand residents cost twenty thousand admin calls; skip them when the last one
        // already holds its card, which means an earlier run finished this step.
        if (await HasResidentWithCardAsync(population, population.ResidentCount - 1, cancellationToken))
        {
            Console.WriteLine($"  residents and cards already present in tenant {population.TenantId}");
        }
        else
        {
            await Parallel.ForAsync(0, population.ResidentCount, Options(cancellationToken), async (i, ct) =>
            {
                await PutAsync($"api/v1/tenants/{tenant}/residents/{Escape(population.ResidentId(i))}", new { displayName = $"Bench {i}" }, ct);
                await PutAsync($"api/v1/tenants/{tenant}/cards/{Escape(population.CardId(i))}", new { residentId = population.ResidentId(i) }, ct);
            });
        }

        var tokens = new string[population.ReaderCount];
        await Parallel.ForAsync(0, population.ReaderCount, Options(cancellationToken), async (i, ct) =>
        {
            using var response = await SendAsync(
                HttpMethod.Put,
                $"api/v1/tenants/{tenant}/readers/{Escape(population.ReaderId(i))}",
                new { placeId = population.PlaceOfReader(i), mode = "visit" },
                ct);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            tokens[i] = body.GetProperty("token").GetString()
                ?? throw new InvalidOperationException($"Reader {population.ReaderId(i)} was registered without a token.");
        });
        Console.WriteLine($"  Silo setup done in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return tokens;
    }

    private async Task<bool> HasResidentWithCardAsync(BenchmarkPopulation population, int index, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get,
            new Uri(baseUrl, $"api/v1/tenants/{Escape(population.TenantId)}/residents/{Escape(population.ResidentId(index))}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
        await EnsureSuccessAsync(response, request, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var cardId = population.CardId(index);
        return body.TryGetProperty("cards", out var cards)
            && cards.EnumerateArray().Any(c => c.TryGetProperty("cardId", out var id) && id.GetString() == cardId);
    }

    private async Task PutAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, path, body, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, request, cancellationToken);
        return response;
    }

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new HttpRequestException(
                $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {detail}", null, response.StatusCode);
        }
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static string Escape(string id) => Uri.EscapeDataString(id);
}
