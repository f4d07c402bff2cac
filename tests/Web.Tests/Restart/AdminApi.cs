using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoCoPi.Web.Tests.Restart;

/// <summary>The few admin calls the journal crash suite needs, over real HTTP.</summary>
internal sealed class AdminApi(Uri baseAddress, string adminToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task PutAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _http.SendAsync(request);
        await EnsureSuccessAsync(response);
    }

    /// <summary>Registers a reader and returns its token.</summary>
    public async Task<string> PutReaderAsync(string tenant, string readerId, string placeId, string mode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/tenants/{tenant}/readers/{readerId}")
        {
            Content = JsonContent.Create(new { placeId, mode }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _http.SendAsync(request);
        await EnsureSuccessAsync(response);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _http.SendAsync(request);
        await EnsureSuccessAsync(response);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
