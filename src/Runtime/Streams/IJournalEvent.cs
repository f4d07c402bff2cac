namespace LoCoPi.Runtime;

/// <summary>
/// An event a grain commits with its state. <see cref="EventType"/> is the stable name stored in the
/// journal ("touch.recorded"); subscribers deserialize by it.
/// </summary>
public interface IJournalEvent
{
    static abstract string EventType { get; }
}

/// <summary>An event raised by a grain and not yet committed.</summary>
public sealed record PendingEvent(
    string EventType, string GrainType, string GrainKey, ReadOnlyMemory<byte> Payload, DateTimeOffset Time);

/// <summary>
/// An event as stored in the journal. <see cref="Seq"/> is the tenant's gap-free sequence number,
/// assigned at commit.
/// </summary>
public sealed record CommittedEvent(
    string Tenant, long Seq, string EventType, string GrainType, string GrainKey,
    ReadOnlyMemory<byte> Payload, DateTimeOffset Time)
{
    /// <summary>Deserializes the payload; check <see cref="EventType"/> first.</summary>
    public TEvent Deserialize<TEvent>(IGrainSerializer serializer) where TEvent : IJournalEvent
    {
        ArgumentNullException.ThrowIfNull(serializer);
        return serializer.DeserializeEvent<TEvent>(Payload);
    }

    public bool Is<TEvent>() where TEvent : IJournalEvent => EventType == TEvent.EventType;
}
