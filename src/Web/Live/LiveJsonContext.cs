using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoCoPi.Web.Live;

/// <summary>Source-generated JSON for the live surface's HTTP bodies (camelCase, as API.md).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PlaceStatsView))]
[JsonSerializable(typeof(LiveTenantView))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
