using System.Text.Json;
using System.Text.Json.Serialization;
using LoCoPi.Web.Admin;
using LoCoPi.Web.Errors;
using LoCoPi.Web.Health;
using LoCoPi.Web.Readers;
using LoCoPi.Web.Shelters;

namespace LoCoPi.Web.Json;

/// <summary>
/// Source-generated serialization for every API body. Missing required values and nulls in
/// non-nullable fields fail parsing, so they become 400 invalid_request rather than half-filled records.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(TenantRequest))]
[JsonSerializable(typeof(TenantResponse))]
[JsonSerializable(typeof(PlaceRequest))]
[JsonSerializable(typeof(PlaceResponse))]
[JsonSerializable(typeof(ReaderRequest))]
[JsonSerializable(typeof(ReaderResponse))]
[JsonSerializable(typeof(ResidentRequest))]
[JsonSerializable(typeof(ResidentResponse))]
[JsonSerializable(typeof(CardRequest))]
[JsonSerializable(typeof(SuspendRequest))]
[JsonSerializable(typeof(CardResponse))]
[JsonSerializable(typeof(TouchRequest))]
[JsonSerializable(typeof(TouchResponse))]
[JsonSerializable(typeof(TouchBatchRequest))]
[JsonSerializable(typeof(TouchBatchResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(StuckConsumersResponse))]
[JsonSerializable(typeof(ShelterResponse))]
public sealed partial class LoCoPiJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The instance the edge uses: the attribute's settings plus an encoder that writes Japanese as
    /// UTF-8 rather than \uXXXX escapes (the default encoder escapes everything outside ASCII).
    /// </summary>
    public static LoCoPiJsonContext Web { get; } = new(EdgeJsonOptions.Create());
}

/// <summary>Body of <c>/healthz</c> and <c>/readyz</c>.</summary>
public sealed record HealthResponse(string Status);
