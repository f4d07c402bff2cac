using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace LoCoPi.LoadGenerator.Watch;

/// <summary>
/// The issue-5 benchmark: family clients connected to <c>/hubs/watch</c>, touches by watched
/// residents sent at a fixed arrival rate (open loop: a touch is sent when due, whether or not
/// earlier ones were answered), and for each acknowledged touch the time from its HTTP 200 to its
/// alert arriving at the family's client. Every alert is checked: none missing, none twice.
/// </summary>
internal static class WatchBenchmark
{
    public static async Task<int> RunAsync(WatchLoadOptions options, CancellationToken cancellationToken)
    {
        using var setupHttp = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var (readers, familyTokens) = await new WatchSetup(setupHttp, options).RunAsync(cancellationToken);

        var run = "w" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(100, 999).ToString(CultureInfo.InvariantCulture);
        var total = (int)Math.Ceiling(options.Rate * (options.Warmup + options.Measured).TotalSeconds);
        var ledger = new AlertLedger(run, total, i => (i % options.Residents) / options.ResidentsPerFamily);

        Console.WriteLine($"  connecting {options.Families} family clients to /hubs/watch...");
        var clients = new FamilyHubClient[options.Families];
        await Parallel.ForAsync(0, options.Families, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (f, ct) => clients[f] = await FamilyHubClient.ConnectAsync(setupHttp, options.Target, familyTokens[f], f, ledger, ct));
        using var stopPings = new CancellationTokenSource();
        var pings = PingLoopAsync(clients, stopPings.Token);

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var http = new HttpClient(handler) { BaseAddress = options.Target, Timeout = TimeSpan.FromSeconds(30) };
        var errors = new ErrorCounts();
        var inFlight = 0;
        var tasks = new List<Task>(total);
        Console.WriteLine($"  {run}: {total} touches at {options.Rate:F0}/s ({options.Warmup.TotalSeconds:F0} s warm-up + {options.Measured.TotalSeconds:F0} s measured)...");
        var ticksPerTouch = Stopwatch.Frequency / options.Rate;
        var start = Stopwatch.GetTimestamp();
        var next = 0;
        var maxLag = 0L;
        while (next < total)
        {
            var now = Stopwatch.GetTimestamp();
            while (next < total && start + (long)(next * ticksPerTouch) <= now)
            {
                var index = next++;
                maxLag = Math.Max(maxLag, now - (start + (long)(index * ticksPerTouch)));
                if (Volatile.Read(ref inFlight) >= options.MaxInFlight)
                {
                    errors.Add("not sent: max in flight reached (the Silo fell behind)");
                    continue;
                }

                Interlocked.Increment(ref inFlight);
                tasks.Add(TouchAsync(http, options, readers, ledger, errors, index, () => Interlocked.Decrement(ref inFlight)));
            }

            await Task.Delay(1, cancellationToken);
        }

        var sendEnd = Stopwatch.GetTimestamp();
        await Task.WhenAll(tasks);
        var answeredEnd = Stopwatch.GetTimestamp();

        // Drain: alerts still on their way; stop when all arrived or nothing arrived for the drain time.
        var acked = ledger.Acked.Count(a => a != 0);
        var lastReceived = Interlocked.Read(ref ledger.Received);
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(quietSince) < options.Drain && ledger.AlertCount.Count(c => c > 0) < acked)
        {
            await Task.Delay(200, cancellationToken);
            var received = Interlocked.Read(ref ledger.Received);
            if (received != lastReceived)
            {
                (lastReceived, quietSince) = (received, Stopwatch.GetTimestamp());
            }
        }

        await stopPings.CancelAsync();
        await pings;
        var failedClients = clients.Count(c => c.Failure is not null);
        var firstFailure = clients.Select(c => c.Failure).FirstOrDefault(f => f is not null);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        var report = Report(options, ledger, errors, start, sendEnd, answeredEnd, maxLag, total, failedClients, firstFailure, run);
        Console.WriteLine(report);
        if (options.OutFile is { } outFile)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outFile))!);
            await File.WriteAllTextAsync(outFile, report, cancellationToken);
        }

        return 0;
    }

    private static async Task TouchAsync(
        HttpClient http, WatchLoadOptions options, string[] readers, AlertLedger ledger, ErrorCounts errors, int index, Action done)
    {
        try
        {
            var resident = index % options.Residents;
            var body = $$"""{"touchId":"{{ledger.TouchId(index)}}","cardId":"{{WatchSetup.CardId(resident)}}"}""";
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/touches")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", readers[index % readers.Length]);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                ledger.Acked[index] = Stopwatch.GetTimestamp();
            }
            else
            {
                errors.Add($"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            errors.Add(error.GetType().Name);
        }
        finally
        {
            done();
        }
    }

    private static async Task PingLoopAsync(FamilyHubClient[] clients, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), stop);
                await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop }, (c, ct) => new ValueTask(c.PingAsync(ct)));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Report(
        WatchLoadOptions options, AlertLedger ledger, ErrorCounts errors, long start, long sendEnd, long answeredEnd, long maxLag,
        int total, int failedClients, string? firstFailure, string run)
    {
        var measuredFrom = (int)Math.Ceiling(options.Rate * options.Warmup.TotalSeconds);
        var latencies = new List<double>();
        int expected = 0, missing = 0, duplicated = 0, measuredAcked = 0, unacknowledgedAlerts = 0;
        for (var i = 0; i < total; i++)
        {
            var count = ledger.AlertCount[i];
            if (ledger.Acked[i] == 0)
            {
                unacknowledgedAlerts += count > 0 ? 1 : 0; // committed, but the answer was lost: allowed
                continue;
            }

            expected++;
            missing += count == 0 ? 1 : 0;
            duplicated += Math.Max(0, count - 1);
            if (i >= measuredFrom)
            {
                measuredAcked++;
                if (count > 0)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(ledger.Acked[i], ledger.FirstAlert[i]).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        double P(double q) => latencies.Count == 0 ? double.NaN : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var sendSeconds = Stopwatch.GetElapsedTime(start, sendEnd).TotalSeconds;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"### Watch load ({run}) — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(inv, $"- target rate {options.Rate:F0} touches/s (open loop), {options.Families} family clients on /hubs/watch, {options.Residents} watched residents (one watcher each), {options.Places} readers, {options.Connections} HTTP connections");
        sb.AppendLine(inv, $"- sent {total} touches in {sendSeconds:F1} s ({total / sendSeconds:F0}/s; largest send lag behind schedule {Stopwatch.GetElapsedTime(0, maxLag).TotalMilliseconds:F0} ms); last answer {Stopwatch.GetElapsedTime(start, answeredEnd).TotalSeconds:F1} s after start");
        sb.AppendLine(inv, $"- acknowledged (200) {expected}; in the measured {options.Measured.TotalSeconds:F0} s: {measuredAcked} ({measuredAcked / options.Measured.TotalSeconds:F0}/s achieved)");
        sb.AppendLine(inv, $"- errors: {(errors.Total == 0 ? "none" : string.Join(", ", errors.Snapshot().Select(e => $"{e.Key} × {e.Value}")))}");
        sb.AppendLine(inv, $"- alerts expected {expected}, received {expected - missing} + {duplicated} duplicates; **missing {missing}, duplicated {duplicated}**; to a wrong family {ledger.WrongFamily}; not from this run {ledger.Foreign}; for touches whose answer was lost {unacknowledgedAlerts}");
        sb.AppendLine(inv, $"- client connections failed: {failedClients}{(firstFailure is null ? "" : " (first: " + firstFailure + ")")}");
        sb.AppendLine();
        sb.AppendLine("| ack → alert (measured window) | p50 | p99 | p99.9 | max | n |");
        sb.AppendLine("|---|---|---|---|---|---|");
        sb.AppendLine(inv, $"| ms | {P(0.5):F1} | {P(0.99):F1} | {P(0.999):F1} | {(latencies.Count > 0 ? latencies[^1] : double.NaN):F1} | {latencies.Count} |");
        return sb.ToString();
    }

    private sealed class ErrorCounts
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new();

        public int Total => _counts.Values.Sum();

        public void Add(string kind) => _counts.AddOrUpdate(kind, 1, static (_, n) => n + 1);

        public IReadOnlyList<KeyValuePair<string, int>> Snapshot() => [.. _counts.OrderByDescending(c => c.Value)];
    }
}
