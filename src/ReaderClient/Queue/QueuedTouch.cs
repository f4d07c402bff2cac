namespace LoCoPi.ReaderClient.Queue;

/// <summary>A touch as stored before it is sent: its idempotency key, the card and when it was touched.</summary>
internal sealed record QueuedTouch(string TouchId, string CardId, DateTimeOffset At)
{
    /// <summary>A time-ordered GUID (version 7) as 32 hex digits: a valid API identifier, unique without coordination.</summary>
    public static QueuedTouch Create(string cardId, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new QueuedTouch(Guid.CreateVersion7(now).ToString("N"), cardId, now);
    }
}
