using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LoCoPi.Web.Errors;
using Microsoft.AspNetCore.Http;

namespace LoCoPi.Web.Json;

/// <summary>
/// Reads request bodies ourselves instead of through parameter binding, so every way a body can be
/// wrong (too large, not JSON, wrong types, missing fields) ends as one problem+json with code
/// invalid_request, never a 500 or an empty 400.
/// </summary>
public static class JsonBody
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

        try
        {
            var value = JsonSerializer.Deserialize(bytes, typeInfo);
            return value is null ? (null, Problems.Invalid(context, "body")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Invalid(context, string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path));
        }
    }

    /// <summary>Parses one element (a batch item); a JsonException names the field.</summary>
    public static (T? Value, string? BadField) Parse<T>(JsonElement element, JsonTypeInfo<T> typeInfo) where T : class
    {
        try
        {
            var value = element.Deserialize(typeInfo);
            return value is null ? (null, "body") : (value, null);
        }
        catch (JsonException e)
        {
            return (null, string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path);
        }
    }

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
