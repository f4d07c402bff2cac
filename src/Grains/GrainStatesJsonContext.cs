using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using LoCoPi.Grains.Interfaces;
using LoCoPi.Grains.Residents;
using LoCoPi.Grains.Wallet;

namespace LoCoPi.Grains;

/// <summary>
/// Source-generated JSON for the grain states written on every touch and payment (the resident's
/// and the wallet's). Same options as the grain serializer (web defaults: camelCase), so the stored
/// JSON is the same as before; other states still go through reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ResidentState))]
[JsonSerializable(typeof(WalletState))]
public sealed partial class GrainStatesJsonContext : JsonSerializerContext
{
    /// <summary>The generated resolvers of the hot states and events, for <c>JsonGrainSerializer.CreateOptions</c>.</summary>
    public static IJsonTypeInfoResolver[] HotPathResolvers => [Default, JournalEventsJsonContext.Default];
}
