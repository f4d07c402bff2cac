using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using LoCoPi.LoadGenerator.Load;
using LoCoPi.LoadGenerator.Probes;

namespace LoCoPi.LoadGenerator.Payments;

/// <summary>
/// One simulated pay reader per token, each in a closed loop: send a payment, wait for the answer,
/// send the next. Besides the measured window it counts every approval of the whole run (warm-up
/// included), and after the run re-sends, with the same id and body, each payment that got no
/// answer (a timeout, a reset connection), as a real reader would, so the approved total is exact
/// and can be checked against the ledger.
/// </summary>
internal sealed class PaymentLoop(HttpClient http, PaymentPopulation population, long amountYen, PostgresCounters? postgres)
{
    private LoadWindow _window = new();
    private long _approved;
    private string _successLabel = "approved";
    private readonly ConcurrentQueue<(string PaymentId, string CardId, string Authorization)> _unanswered = new();

    /// <summary>The measured window plus every approval of the run and how the unanswered payments ended.</summary>
    public sealed record Outcome(RunResult Result, long ApprovedInRun, long RequestsInRun, int Retried, IReadOnlyDictionary<string, long> RetryOutcomes);

    public async Task<Outcome> RunAsync(LoadTarget target, TimeSpan warmup, TimeSpan measured, int seed, CancellationToken cancellationToken)
    {
        _window = new LoadWindow();
        _approved = 0;
        _successLabel = target.Name == "durable" ? "approved" : target.Name;
        _unanswered.Clear();
        var runTag = string.Create(CultureInfo.InvariantCulture, $"{target.Name[0]}{DateTime.UtcNow:yyMMddHHmmss}{Random.Shared.Next(0x10000):x4}");
        var recorders = target.ReaderTokens.Select(_ => new WorkerRecorder((int)Math.Ceiling(measured.TotalSeconds))).ToArray();
        var sent = new long[recorders.Length];
        var workers = recorders
            .Select((recorder, i) => Task.Run(() => WorkerAsync(target, i, $"{runTag}-{i:x}-", new Random(seed + i), recorder, sent)))
            .ToArray();

        var (elapsed, cost) = await _window.RunAsync(target, warmup, measured, postgres, cancellationToken);
        await Task.WhenAll(workers);
        var (retried, retryOutcomes) = await RetryUnansweredAsync(target, cancellationToken);
        Console.WriteLine(" — done");
        return new Outcome(RunResult.FromWorkers(target, elapsed, recorders, cost), Interlocked.Read(ref _approved), sent.Sum(), retried, retryOutcomes);
    }

    private async Task WorkerAsync(LoadTarget target, int readerIndex, string idPrefix, Random random, WorkerRecorder recorder, long[] sent)
    {
        var authorization = "Bearer " + target.ReaderTokens[readerIndex];
        long sequence = 0;
        while (!_window.IsStopping)
        {
            var card = population.CardId(random.Next(population.ResidentCount));
            var paymentId = idPrefix + sequence++.ToString(CultureInfo.InvariantCulture);
            sent[readerIndex]++;
            var started = Stopwatch.GetTimestamp();
            var (outcome, error) = await SendAsync(target.TouchUri, paymentId, card, authorization);
            var completed = Stopwatch.GetTimestamp();
            if (outcome is not null)
            {
                Interlocked.Increment(ref _approved);
            }
            else if (error!.StartsWith("transport", StringComparison.Ordinal) || error == "timeout")
            {
                _unanswered.Enqueue((paymentId, card, authorization));
            }

            // Requests are counted by when they complete: the window holds exactly the work the
            // server finished inside it.
            if (_window.IsMeasuring)
            {
                if (outcome is not null)
                {
                    recorder.RecordSuccess(completed - started, outcome, _window.SecondOf(completed));
                }
                else
                {
                    recorder.RecordError(error!);
                }
            }
            if (error is not null && error.StartsWith("transport", StringComparison.Ordinal))
            {
                // A refused connection fails in microseconds; without a pause a dead server would
                // turn the loop into a CPU burner.
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Re-sends each unanswered payment with its id until it gets an answer (at most five tries).</summary>
    private async Task<(int Retried, IReadOnlyDictionary<string, long> Outcomes)> RetryUnansweredAsync(LoadTarget target, CancellationToken cancellationToken)
    {
        var outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var retried = 0;
        while (_unanswered.TryDequeue(out var payment))
        {
            retried++;
            string result = "still unanswered";
            for (var attempt = 0; attempt < 5 && !cancellationToken.IsCancellationRequested; attempt++)
            {
                var (outcome, error) = await SendAsync(target.TouchUri, payment.PaymentId, payment.CardId, payment.Authorization);
                if (outcome is not null)
                {
                    Interlocked.Increment(ref _approved);
                    result = "approved";
                    break;
                }
                if (!error!.StartsWith("transport", StringComparison.Ordinal) && error != "timeout")
                {
                    result = error;
                    break;
                }
                await Task.Delay(500, cancellationToken);
            }
            outcomes[result] = outcomes.GetValueOrDefault(result) + 1;
        }
        return (retried, outcomes);
    }

    /// <summary>Sends one payment; returns the outcome of an approval, or the error (status and problem code).</summary>
    private async Task<(string? Outcome, string? Error)> SendAsync(Uri uri, string paymentId, string cardId, string authorization)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"paymentId":"{{paymentId}}","cardId":"{{cardId}}","amountYen":{{amountYen}}}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode
                ? (_successLabel, null)
                : (null, $"{(int)response.StatusCode} {ClosedLoopRun.ReadStringProperty(bytes, "code"u8)}".TrimEnd());
        }
        catch (HttpRequestException exception)
        {
            return (null, "transport: " + exception.HttpRequestError);
        }
        catch (TaskCanceledException)
        {
            return (null, "timeout");
        }
    }
}
