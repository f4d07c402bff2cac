namespace LoCoPi.Runtime.Tests.Storage;

/// <summary>
/// A committed event is decoded once, whoever reads it: every subscriber of a tenant is handed the
/// same instance, and three of them read every touch.
/// </summary>
public sealed class CommittedEventTests
{
    [Fact]
    public void An_event_is_decoded_once_for_every_reader_and_anew_as_another_type()
    {
        var serializer = new CountingSerializer();
        var committed = Committed(serializer.SerializeEvent(new Visited("library")));

        var first = committed.Deserialize<Visited>(serializer);
        var second = committed.Deserialize<Visited>(serializer);
        var other = committed.Deserialize<Left>(serializer);

        Assert.Same(first, second);
        Assert.Equal("library", first.PlaceId);
        Assert.Equal("library", other.PlaceId);
        Assert.Equal(2, serializer.Decoded);
    }

    [Fact]
    public void Equality_ignores_whether_an_event_was_decoded()
    {
        var serializer = new CountingSerializer();
        var payload = serializer.SerializeEvent(new Visited("library"));
        var decoded = Committed(payload);
        decoded.Deserialize<Visited>(serializer);

        var fresh = Committed(payload);

        Assert.Equal(fresh, decoded);
        Assert.Equal(fresh.GetHashCode(), decoded.GetHashCode());
        Assert.NotEqual(fresh, fresh with { Seq = 8 });
    }

    private static CommittedEvent Committed(byte[] payload)
        => new("asahi", 7, Visited.EventType, "resident", "r1", payload, DateTimeOffset.UnixEpoch);

    private sealed record Visited(string PlaceId) : IJournalEvent
    {
        public static string EventType => "test.visited";
    }

    private sealed record Left(string PlaceId) : IJournalEvent
    {
        public static string EventType => "test.left";
    }

    private sealed class CountingSerializer : IGrainSerializer
    {
        private readonly JsonGrainSerializer _json = new();

        public int Decoded { get; private set; }

        public byte[] SerializeState<TState>(TState state) => _json.SerializeState(state);

        public TState DeserializeState<TState>(ReadOnlyMemory<byte> payload) => _json.DeserializeState<TState>(payload);

        public byte[] SerializeEvent<TEvent>(TEvent journalEvent) where TEvent : IJournalEvent => _json.SerializeEvent(journalEvent);

        public TEvent DeserializeEvent<TEvent>(ReadOnlyMemory<byte> payload) where TEvent : IJournalEvent
        {
            Decoded++;
            return _json.DeserializeEvent<TEvent>(payload);
        }
    }
}
