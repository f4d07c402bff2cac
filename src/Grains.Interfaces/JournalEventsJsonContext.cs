using System.Text.Json;
using System.Text.Json.Serialization;
using LoCoPi.Grains.Interfaces.Touches;
using LoCoPi.Grains.Interfaces.Wallet;

namespace LoCoPi.Grains.Interfaces;

/// <summary>
/// Source-generated JSON for the journal events written and read on every touch and payment, so
/// they are not (de)serialized through reflection metadata. Same options as the grain serializer
/// (web defaults: camelCase), so the stored JSON is the same as before.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TouchRecorded))]
[JsonSerializable(typeof(RideCompleted))]
[JsonSerializable(typeof(MoneyMoved))]
[JsonSerializable(typeof(MoneyDeclined))]
public sealed partial class JournalEventsJsonContext : JsonSerializerContext;
