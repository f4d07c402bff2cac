using System.Text.Json;
using System.Text.Json.Serialization;
using LoCoPi.NaiveBaseline.Setup;
using LoCoPi.NaiveBaseline.Touches;

namespace LoCoPi.NaiveBaseline.Http;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TouchRequest))]
[JsonSerializable(typeof(TouchResponse))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(SetupRequest))]
[JsonSerializable(typeof(SetupResponse))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
