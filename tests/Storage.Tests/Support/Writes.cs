using System.Text;
using LoCoPi.Runtime;

namespace LoCoPi.Storage.Tests.Support;

/// <summary>Builders for the writes the suites send.</summary>
public static class Writes
{
    public static readonly DateTimeOffset EventTime = new(2026, 4, 1, 9, 30, 15, 123, TimeSpan.FromHours(9));

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte>? bytes) => bytes is { } b ? Encoding.UTF8.GetString(b.Span) : "<null>";

    public static PendingEvent Event(string grainKey, string text, string eventType = "touch.recorded")
        => new(eventType, "card", grainKey, Bytes(text), EventTime);

    public static GrainStateWrite Write(
        GrainStateKey key, string? state, long? expected, params PendingEvent[] events)
    {
        // Typed null: `state is null ? null : Bytes(state)` has type byte[], and a null byte[]
        // converts to an empty ReadOnlyMemory, not to a null (clear) payload.
        var payload = state is null ? (ReadOnlyMemory<byte>?)null : Bytes(state);
        return new(key, payload, expected, events);
    }

    public static GrainStateKey Key(string tenant, string grainKey, string grainType = "card", string stateName = "state")
        => new(tenant, grainType, grainKey, stateName);

    public static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];
}
