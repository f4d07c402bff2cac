using LoCoPi.ReaderClient.Queue;
using LoCoPi.ReaderClient.Server;
using LoCoPi.ReaderClient.Tests.Infrastructure;

namespace LoCoPi.ReaderClient.Tests.Queue;

/// <summary>The queue and uploader in-process against the recording server.</summary>
public sealed class TouchUploaderTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("locopi-queue-").FullName;
    private readonly RecordingServer _server = new();
    private TouchQueue _queue = null!;

    public async Task InitializeAsync()
    {
        _queue = await TouchQueue.OpenAsync(Path.Combine(_directory, "queue.db"), default);
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _queue.Dispose();
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_backlog_drains_in_batches_of_at_most_1000_and_refused_touches_are_recorded_not_retried()
    {
        _server.UnknownCards.Add("svc-unknown");
        for (var i = 0; i < 1200; i++)
        {
            await _queue.EnqueueAsync(QueuedTouch.Create(i % 100 == 0 ? "svc-unknown" : $"svc-{i}", TimeProvider.System), default);
        }

        await RunUploaderUntilAsync(async () => await _queue.CountPendingAsync(default) == 0);

        Assert.Equal(1188, _server.Accepted.Count);
        Assert.Equal(12, await _queue.CountRejectedAsync(default));
        Assert.Equal(1200, _server.Received);
        Assert.InRange(_server.LargestBatch, 1, TouchUploader.MaxBatch);
    }

    [Fact]
    public async Task While_the_server_answers_5xx_touches_stay_queued_and_go_once_it_recovers()
    {
        _server.FailAllWith = 503;
        for (var i = 0; i < 10; i++)
        {
            await _queue.EnqueueAsync(QueuedTouch.Create($"svc-{i}", TimeProvider.System), default);
        }

        await RunUploaderUntilAsync(async () =>
        {
            if (_server.FailedRequests >= 2 && _server.FailAllWith is not null)
            {
                Assert.Equal(10, await _queue.CountPendingAsync(default));
                _server.FailAllWith = null;
            }

            return await _queue.CountPendingAsync(default) == 0;
        });

        Assert.Equal(10, _server.Accepted.Count);
        Assert.Equal(10, _server.Received);
        Assert.Equal(0, await _queue.CountRejectedAsync(default));
    }

    [Fact]
    public async Task A_touch_is_queued_before_it_is_sent_and_kept_when_the_server_is_down()
    {
        await _server.StopAsync();
        using var api = new LocoPiApi(_server.Url, RecordingServer.Token, TimeSpan.FromSeconds(2));
        using var uploader = new TouchUploader(_queue, api, new RecordingFeedback(), TimeProvider.System);

        var outcome = await new TouchSender(_queue, api, uploader, TimeProvider.System).TouchAsync("svc-1", default);

        Assert.Equal(Feedback.Messages.Offline, outcome.Message);
        var pending = Assert.Single(await _queue.PeekAsync(10, default));
        Assert.Equal("svc-1", pending.CardId);
        Assert.Matches("^[0-9a-f]{32}$", pending.TouchId);
    }

    private async Task RunUploaderUntilAsync(Func<Task<bool>> done)
    {
        using var api = new LocoPiApi(_server.Url, RecordingServer.Token, TimeSpan.FromSeconds(10));
        using var uploader = new TouchUploader(_queue, api, new RecordingFeedback(), TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var running = uploader.RunAsync(stop.Token);
        try
        {
            await Deadline.WaitForAsync(done, TimeSpan.FromSeconds(60), "the uploader");
        }
        finally
        {
            await stop.CancelAsync();
            await running.ContinueWith(_ => { });
        }
    }
}
