using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace LoCoPi.Runtime;

/// <summary>
/// State and events as UTF-8 JSON (camelCase). Pass options whose TypeInfoResolver chains the
/// source-generated contexts of Grains.Interfaces, so no reflection metadata is needed; the
/// reflection resolver stays as the last link for types not (yet) in a context.
/// </summary>
public sealed class JsonGrainSerializer : IGrainSerializer
{
    private readonly JsonSerializerOptions _options;

    public JsonGrainSerializer(JsonSerializerOptions? options = null)
    {
        _options = options ?? CreateOptions();
        _options.MakeReadOnly(populateMissingResolver: true);
    }

    /// <summary>Web defaults (camelCase) with the given resolvers first, then reflection.</summary>
    public static JsonSerializerOptions CreateOptions(params IJsonTypeInfoResolver[] resolvers)
    {
        ArgumentNullException.ThrowIfNull(resolvers);
        return new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, new DefaultJsonTypeInfoResolver()]),
        };
    }

    public byte[] SerializeState<TState>(TState state) => JsonSerializer.SerializeToUtf8Bytes(state, TypeInfo<TState>());

    public TState DeserializeState<TState>(ReadOnlyMemory<byte> payload)
        => JsonSerializer.Deserialize(payload.Span, TypeInfo<TState>())
            ?? throw new JsonException($"Stored state of type {typeof(TState).Name} is null.");

    public byte[] SerializeEvent<TEvent>(TEvent journalEvent) where TEvent : IJournalEvent
        => JsonSerializer.SerializeToUtf8Bytes(journalEvent, TypeInfo<TEvent>());

    public TEvent DeserializeEvent<TEvent>(ReadOnlyMemory<byte> payload) where TEvent : IJournalEvent
        => JsonSerializer.Deserialize(payload.Span, TypeInfo<TEvent>())
            ?? throw new JsonException($"Stored event of type {typeof(TEvent).Name} is null.");

    private JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)_options.GetTypeInfo(typeof(T));
}
