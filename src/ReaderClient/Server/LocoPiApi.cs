using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LoCoPi.ReaderClient.Server;

/// <summary>The reader endpoints of API.md, authenticated with the reader's token.</summary>
internal sealed class LocoPiApi : IDisposable
{
    private readonly HttpClient _http;

    public LocoPiApi(Uri server, string token, TimeSpan timeout)
    {
        _http = new HttpClient { BaseAddress = server, Timeout = timeout };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _http.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ja"));
    }

    public Task<ApiResult<TouchResponse>> TouchAsync(TouchRequest touch, CancellationToken cancellationToken) =>
        PostAsync("api/v1/touches", touch, ApiJson.Default.TouchRequest, ApiJson.Default.TouchResponse, cancellationToken);

    public Task<ApiResult<TouchBatchResponse>> TouchBatchAsync(TouchBatchRequest batch, CancellationToken cancellationToken) =>
        PostAsync("api/v1/touches/batch", batch, ApiJson.Default.TouchBatchRequest, ApiJson.Default.TouchBatchResponse, cancellationToken);

    public Task<ApiResult<PaymentResponse>> PayAsync(PaymentRequest payment, CancellationToken cancellationToken) =>
        PostAsync("api/v1/payments", payment, ApiJson.Default.PaymentRequest, ApiJson.Default.PaymentResponse, cancellationToken);

    public Task<ApiResult<ChargeResponse>> ChargeAsync(ChargeRequest charge, CancellationToken cancellationToken) =>
        PostAsync("api/v1/charges", charge, ApiJson.Default.ChargeRequest, ApiJson.Default.ChargeResponse, cancellationToken);

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// A 4xx answer is final (re-sending cannot change it), except 401 (a token not yet valid or
    /// being rotated), 408 and 429, which say "not now" rather than "never".
    /// </summary>
    public static bool IsFinal(int status) => status is >= 400 and < 500 and not (401 or 408 or 429);

    /// <summary>A batch item is either the single call's body or its problem; problems carry <c>status</c> and <c>code</c>.</summary>
    public static Problem? AsProblem(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number
            && !item.TryGetProperty("outcome", out _)
            ? item.Deserialize(ApiJson.Default.Problem)
            : null;

    private async Task<ApiResult<TResponse>> PostAsync<TRequest, TResponse>(string path, TRequest body,
        JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync(path, body, requestType, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var parsed = await response.Content.ReadFromJsonAsync(responseType, cancellationToken);
                return parsed is null
                    ? new ApiResult<TResponse>.Unreachable("empty response")
                    : new ApiResult<TResponse>.Ok(parsed);
            }

            if (IsFinal(status))
            {
                var problem = await ReadProblemAsync(response, cancellationToken);
                return new ApiResult<TResponse>.Refused(problem with { Status = status });
            }

            return new ApiResult<TResponse>.Unreachable($"HTTP {status}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return new ApiResult<TResponse>.Unreachable(e.Message);
        }
    }

    private static async Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(ApiJson.Default.Problem, cancellationToken)
                ?? new Problem((int)response.StatusCode, null, null, null);
        }
        catch (JsonException)
        {
            return new Problem((int)response.StatusCode, response.ReasonPhrase, null, null);
        }
    }
}
