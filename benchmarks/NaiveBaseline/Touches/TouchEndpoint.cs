using System.Text.Json;
using System.Text.RegularExpressions;
using LoCoPi.NaiveBaseline.Http;
using LoCoPi.NaiveBaseline.Readers;

namespace LoCoPi.NaiveBaseline.Touches;

internal static partial class TouchEndpoint
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public static void MapTouchEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/touches", TouchAsync);

    private static async Task<IResult> TouchAsync(HttpContext http, ReaderDirectory readers, TouchTransaction transaction, TimeProvider time)
    {
        var token = BearerToken.From(http.Request);
        var reader = token is null ? null : await readers.FindAsync(token, http.RequestAborted);
        if (reader is null)
        {
            return Problem.Unauthorized();
        }
        if (reader.Mode != "visit")
        {
            return Problem.Of(StatusCodes.Status403Forbidden, "wrong_mode", "このリーダーは来館用ではありません。");
        }

        TouchRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, BaselineJsonContext.Default.TouchRequest, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Problem.Invalid("リクエストの JSON を読み取れません。");
        }
        if (request is null || !IsId(request.TouchId) || !IsId(request.CardId))
        {
            return Problem.Invalid("touchId と cardId は 1〜64 文字の英数字と - _ . で指定してください。");
        }
        var now = time.GetUtcNow();
        if (request.At is { } at && (at < now - MaxAge || at > now + ClockSkew))
        {
            return Problem.Invalid("at は 7 日以内の過去の時刻で指定してください。");
        }

        var result = await transaction.RecordAsync(reader, request, request.At ?? now, http.RequestAborted);
        return result.Response is { } response
            ? Results.Json(response, BaselineJsonContext.Default.TouchResponse)
            : Problem.Of(result.Status, result.Code!, result.Detail!);
    }

    private static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
