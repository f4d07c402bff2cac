namespace LoCoPi.ReaderClient.Feedback;

/// <summary>No sound: simulated load would otherwise spend its time ringing bells between touches.</summary>
internal sealed class SilentSound : ISound
{
    public Task PlayAsync(OutcomeKind kind, CancellationToken cancellationToken) => Task.CompletedTask;
}
