using LoCoPi.ReaderClient.Card;
using LoCoPi.ReaderClient.Feedback;
using LoCoPi.Web.Validation;

namespace LoCoPi.ReaderClient.Modes;

/// <summary>
/// Scripted touches for demos and load: the card IDs of a file in order (one a line), or random
/// IDs <c>sim-0001</c>… from a seeded generator, at <c>rate</c> touches per second.
/// </summary>
internal sealed class SimulatedCardSource(
    IReadOnlyList<string>? script, int? count, double rate, Random random, IFeedback feedback, TimeProvider time) : ICardSource
{
    public async Task RunAsync(Func<CardReadResult, CancellationToken, Task> onCard, CancellationToken cancellationToken)
    {
        var total = count ?? script?.Count ?? int.MaxValue;
        var interval = rate > 0 ? TimeSpan.FromSeconds(1 / rate) : TimeSpan.Zero;
        var start = time.GetTimestamp();
        feedback.Status(Messages.Ready);
        for (var i = 0; i < total && !cancellationToken.IsCancellationRequested; i++)
        {
            // Paced against the start, not the previous touch, so slow sends do not lower the rate.
            var due = interval * i - time.GetElapsedTime(start);
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due, time, cancellationToken);
            }

            var cardId = script is { Count: > 0 }
                ? script[i % script.Count]
                : $"sim-{random.Next(1, 10_000):D4}";
            await onCard(
                IndividualNumber.HasShape(cardId) ? new CardReadResult.IndividualNumberRefused()
                : ServiceId.IsValid(cardId) ? new CardReadResult.Read(cardId)
                : new CardReadResult.NotRegistered(),
                cancellationToken);
        }
    }

    public static IReadOnlyList<string> ReadScript(string path) =>
        File.ReadLines(path).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
}
