using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LoCoPi.Web.Json;

/// <summary>
/// Reads request bodies ourselves instead of through parameter binding, so every way a body can be
/// wrong (too large, not JSON, wrong types, missing fields) ends as one problem+json with code
/// invalid_request, never a 500 or an empty 400; a body sent as another media type is 415, and a
/// card id shaped like the individual number is refused here for every endpoint.
/// </summary>
public static partial class JsonBody
{
    /// <summary>1 MiB: a batch of 1,000 touches is about 100 KB, so this leaves room without inviting abuse.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>
    /// The transport limit (Kestrel): bodies between the two are read to the end and discarded so
    /// the client, still sending, receives the 413 problem instead of a reset connection.
    /// </summary>
    public const int MaxTransportBytes = 8 * MaxBytes;

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!IsJson(context.Request))
        {
            // Checked, not assumed: when any type was read as JSON, a form-encoded PUT renamed a place.
            return (null, Problems.Result(context, ProblemCatalog.UnsupportedMediaType));
        }

        if (context.Request.ContentLength > MaxTransportBytes)
        {
            return (null, TooLarge(context));
        }

        byte[] bytes;
        try
        {
            bytes = await ReadCappedAsync(context.Request.Body, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(context));
        }

        if (bytes.Length > MaxBytes)
        {
            return (null, TooLarge(context));
        }

        // Before parsing, so neither the request nor a message about another field ever holds it.
        if (IndividualNumberRefusal.IsInBody(bytes))
        {
            return (null, Problems.Result(context, ProblemCatalog.IndividualNumberRefused));
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, typeInfo);
            return value is null ? (null, Problems.Invalid(context, FieldNames.Body)) : (value, null);
        }
        catch (JsonException e)
        {
            return MissingFieldOf(e) is { } missing
                ? (null, Problems.Result(context, ProblemCatalog.MissingField, missing))
                : (null, Problems.Invalid(context, FieldOf(e)));
        }
    }

    /// <summary>
    /// Parses one element (a batch item): the value, or the error code and (for invalid_request)
    /// the field, as the single call would answer.
    /// </summary>
    public static (T? Value, string? ErrorCode, string? BadField) Parse<T>(JsonElement element, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (IndividualNumberRefusal.IsInItem(element))
        {
            return (null, ProblemCatalog.IndividualNumberRefused, null);
        }

        try
        {
            var value = element.Deserialize(typeInfo);
            return value is null ? (null, ProblemCatalog.InvalidRequest, FieldNames.Body) : (value, null, null);
        }
        catch (JsonException e)
        {
            return MissingFieldOf(e) is { } missing
                ? (null, ProblemCatalog.MissingField, missing)
                : (null, ProblemCatalog.InvalidRequest, FieldOf(e));
        }
    }

    /// <summary>API.md: a body that is not <c>application/json</c> is 415 (parameters such as charset are fine).</summary>
    public static bool IsJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && string.Equals(type.MediaType.Value, "application/json", StringComparison.OrdinalIgnoreCase);
    }

    private static string FieldOf(JsonException e) => string.IsNullOrEmpty(e.Path) || e.Path == "$" ? FieldNames.Body : e.Path;

    /// <summary>
    /// The first required property the parser found missing, so the detail can name it
    /// (「タッチID（touchId）がありません」) instead of blaming the whole body. Read from the
    /// serializer's message, the only place it says which; null when the message has another shape.
    /// </summary>
    private static string? MissingFieldOf(JsonException e)
        => MissingProperty().Match(e.Message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("missing required properties including: '([A-Za-z0-9_]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex MissingProperty();

    private static IResult TooLarge(HttpContext context)
        => Problems.Result(context, ProblemCatalog.InvalidRequest, "body > 1 MiB", StatusCodes.Status413PayloadTooLarge);

    private static async Task<byte[]> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // Past the limit keep draining without buffering: memory stays bounded either way.
            if (buffer.Length <= MaxBytes)
            {
                buffer.Write(chunk, 0, read);
            }
        }

        return buffer.ToArray();
    }
}
