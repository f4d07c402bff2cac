using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoCoPi.LoadGenerator.Setup;

/// <summary>
/// Seeds the naive baseline (benchmarks/NaiveBaseline) with the same population in one call
/// to its setup endpoint; it upserts, so repeating it is harmless.
/// </summary>
internal sealed class BaselineSetup(HttpClient http, Uri baseUrl, string adminToken)
{
    public async Task<IReadOnlyList<string>> RunAsync(BenchmarkPopulation population, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var body = new
        {
            tenantId = population.TenantId,
            timeZone = "Asia/Tokyo",
            places = Enumerable.Range(0, population.PlaceCount)
                .Select(i => new { placeId = population.PlaceId(i), pointsPerVisit = BenchmarkPopulation.PointsPerVisit }),
            readers = Enumerable.Range(0, population.ReaderCount)
                .Select(i => new { readerId = population.ReaderId(i), placeId = population.PlaceOfReader(i) }),
            residents = Enumerable.Range(0, population.ResidentCount)
                .Select(i => new { residentId = population.ResidentId(i), cardId = population.CardId(i) }),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "api/v1/benchmark/setup"))
        {
            Content = JsonContent.Create(body),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await http.SendAsync(request, cancellationToken);
        await SiloSetup.EnsureSuccessAsync(response, request, cancellationToken);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var byReader = result.GetProperty("readers").EnumerateArray()
            .ToDictionary(r => r.GetProperty("readerId").GetString()!, r => r.GetProperty("token").GetString()!);
        Console.WriteLine($"  baseline setup done in {stopwatch.Elapsed.TotalSeconds:F1} s");
        return [.. Enumerable.Range(0, population.ReaderCount).Select(i => byReader[population.ReaderId(i)])];
    }
}
