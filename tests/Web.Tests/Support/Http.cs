using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace LoCoPi.Web.Tests.Support;

/// <summary>Small HTTP helpers that keep the tests readable.</summary>
public static class Http
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> SendAsync(
        this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var node = text.Length == 0 ? null : JsonNode.Parse(text);
        return (response.StatusCode, node, response.Content.Headers.ContentType?.MediaType);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> PutJsonAsync(this HttpClient c, string path, object body)
        => c.SendAsync(HttpMethod.Put, path, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> PostJsonAsync(this HttpClient c, string path, object body)
        => c.SendAsync(HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> GetJsonAsync(this HttpClient c, string path)
        => c.SendAsync(HttpMethod.Get, path);

    /// <summary>Asserts a problem+json answer with the given status and code.</summary>
    public static JsonNode AssertProblem(this (HttpStatusCode Status, JsonNode? Body, string? ContentType) response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.NotNull(response.Body);
        Assert.Equal(code, (string?)response.Body["code"]);
        Assert.Equal((int)status, (int?)response.Body["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)response.Body["detail"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)response.Body["title"]));
        return response.Body;
    }

    public static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";
}
