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
    // The decoded event, kept for the next reader: the subscribers of a tenant are handed the same
    // instances from the in-memory tail, and three of them read every touch. Events are immutable
    // records, so sharing one decoded value is safe; two threads racing here both decode and either
    // result is kept.
    private object? _decoded;

    /// <summary>Deserializes the payload (once per instance, whoever asks); check <see cref="EventType"/> first.</summary>
    public TEvent Deserialize<TEvent>(IGrainSerializer serializer) where TEvent : IJournalEvent
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (Volatile.Read(ref _decoded) is TEvent decoded)
        {
            return decoded;
        }

        decoded = serializer.DeserializeEvent<TEvent>(Payload);
        Volatile.Write(ref _decoded, decoded);
        return decoded;
    }

    public bool Is<TEvent>() where TEvent : IJournalEvent => EventType == TEvent.EventType;

    /// <summary>Equal when every stored field is; whether either was decoded yet does not matter.</summary>
    public bool Equals(CommittedEvent? other)
        => other is not null && Tenant == other.Tenant && Seq == other.Seq && EventType == other.EventType
            && GrainType == other.GrainType && GrainKey == other.GrainKey && Payload.Equals(other.Payload) && Time == other.Time;

    public override int GetHashCode() => HashCode.Combine(Tenant, Seq, EventType, GrainType, GrainKey, Payload, Time);
}
