using System.Collections.Concurrent;
using LoCoPi.ReaderClient.Feedback;

namespace LoCoPi.ReaderClient.Tests.Infrastructure;

/// <summary>Keeps what the terminal would have said, for in-process tests of the queue and uploader.</summary>
internal sealed class RecordingFeedback : IFeedback
{
    public ConcurrentQueue<string> Said { get; } = new();

    public Task ShowAsync(Outcome outcome, CancellationToken cancellationToken)
    {
        Said.Enqueue(outcome.Message);
        return Task.CompletedTask;
    }

    public void Status(string message) => Said.Enqueue(message);

    public Task<long> AskAmountAsync(string question, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("no clerk in this test");
}
