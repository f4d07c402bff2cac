using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LoCoPi.LoadGenerator.Probes;
using LoCoPi.LoadGenerator.Setup;

namespace LoCoPi.LoadGenerator.Load;

/// <summary>
/// One simulated reader per token, each in a closed loop: send a touch, wait for the answer,
/// send the next. Closed loop means the offered load adapts to the server, so throughput and
/// latency are both the server's, not an arrival rate we picked.
/// </summary>
internal sealed class ClosedLoopRun(HttpClient http, BenchmarkPopulation population, PostgresCounters? postgres)
{
    private LoadWindow _window = new();

    public async Task<RunResult> RunAsync(LoadTarget target, TimeSpan warmup, TimeSpan measured, int seed, CancellationToken cancellationToken)
    {
        _window = new LoadWindow();
        // A fresh prefix per run keeps every touchId unique across runs and targets, so each
        // touch is new work, never an idempotent replay.
        var runTag = string.Create(CultureInfo.InvariantCulture, $"{target.Name[0]}{DateTime.UtcNow:yyMMddHHmmss}{Random.Shared.Next(0x10000):x4}");
        var recorders = target.ReaderTokens.Select(_ => new WorkerRecorder((int)Math.Ceiling(measured.TotalSeconds))).ToArray();
        var workers = recorders
            .Select((recorder, i) => Task.Run(() => WorkerAsync(target, i, $"{runTag}-{i:x}-", new Random(seed + i), recorder)))
            .ToArray();

        var (elapsed, cost) = await _window.RunAsync(target, warmup, measured, postgres, cancellationToken);
        await Task.WhenAll(workers);
        Console.WriteLine(" — done");
        return RunResult.FromWorkers(target, elapsed, recorders, cost);
    }

    private async Task WorkerAsync(LoadTarget target, int readerIndex, string touchIdPrefix, Random random, WorkerRecorder recorder)
    {
        var authorization = "Bearer " + target.ReaderTokens[readerIndex];
        long sequence = 0;
        while (!_window.IsStopping)
        {
            var card = population.CardId(random.Next(population.ResidentCount));
            var body = Encoding.UTF8.GetBytes($$"""{"touchId":"{{touchIdPrefix}}{{sequence++}}","cardId":"{{card}}"}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, target.TouchUri) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation("Authorization", authorization);

            var started = Stopwatch.GetTimestamp();
            string? outcome = null;
            string? error = null;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                if (response.IsSuccessStatusCode)
                {
                    outcome = ReadStringProperty(bytes, "outcome"u8) ?? "(no outcome)";
                }
                else
                {
                    error = $"{(int)response.StatusCode} {ReadStringProperty(bytes, "code"u8)}".TrimEnd();
                }
            }
            catch (HttpRequestException exception)
            {
                error = "transport: " + (exception.HttpRequestError.ToString());
            }
            catch (TaskCanceledException)
            {
                error = "timeout";
            }
            var completed = Stopwatch.GetTimestamp();
            var elapsed = completed - started;

            // Requests are counted by when they complete: the window holds exactly the work the
            // server finished inside it.
            if (_window.IsMeasuring)
            {
                if (outcome is not null)
                {
                    recorder.RecordSuccess(elapsed, outcome, _window.SecondOf(completed));
                }
                else
                {
                    recorder.RecordError(error!);
                }
            }
            if (error is not null && error.StartsWith("transport", StringComparison.Ordinal))
            {
                // A refused connection fails in microseconds; without a pause a dead server
                // would turn the loop into a CPU burner that starves the other targets' runs.
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Finds a top-level string property without building a DOM: cheap enough for every response.</summary>
    internal static string? ReadStringProperty(byte[] json, ReadOnlySpan<byte> name)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            return "(not json)";
        }
        return null;
    }
}
