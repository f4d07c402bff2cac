namespace LoCoPi.Runtime;

/// <summary>Turns grain state and journal events into bytes for storage and back.</summary>
public interface IGrainSerializer
{
    byte[] SerializeState<TState>(TState state);

    TState DeserializeState<TState>(ReadOnlyMemory<byte> payload);

    byte[] SerializeEvent<TEvent>(TEvent journalEvent) where TEvent : IJournalEvent;

    TEvent DeserializeEvent<TEvent>(ReadOnlyMemory<byte> payload) where TEvent : IJournalEvent;
}
