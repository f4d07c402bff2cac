using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace LoCoPi.Web.Json;

/// <summary>
/// The serializer options every source-generated context of the edge runs with (its <c>Web</c>
/// instance): missing or null required values and wrong types fail parsing (400 invalid_request),
/// and Japanese is written as UTF-8 rather than \uXXXX escapes.
/// </summary>
internal static class EdgeJsonOptions
{
    public static JsonSerializerOptions Create() => new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // The Web defaults read "10" as 10; API.md makes a number sent as a string a wrong type (400).
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
