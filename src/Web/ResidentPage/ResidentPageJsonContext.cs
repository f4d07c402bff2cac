using System.Text.Json;
using System.Text.Json.Serialization;
using LoCoPi.Web.Json;

namespace LoCoPi.Web.ResidentPage;

/// <summary>Source-generated JSON for the resident's page, with the options every edge context uses.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(MyResidentResponse))]
public sealed partial class ResidentPageJsonContext : JsonSerializerContext
{
    /// <summary>The instance the edge uses: Japanese written as UTF-8, not \uXXXX escapes.</summary>
    public static ResidentPageJsonContext Web { get; } = new(EdgeJsonOptions.Create());
}
