using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace LoCoPi.Web.Tests.Live;

/// <summary>
/// A minimal SignalR hub client speaking the JSON hub protocol over <see cref="ClientWebSocket"/>
/// (the .NET SignalR client package does not restore here): negotiate, connect with the
/// connection token and <c>access_token</c>, handshake, then records separated by 0x1E.
/// </summary>
public sealed class LiveHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<HubMessage> _messages = Channel.CreateUnbounded<HubMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly StringBuilder _partial = new();
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextInvocationId;

    /// <summary>Every server-to-client invocation, in arrival order.</summary>
    public ChannelReader<HubMessage> Messages => _messages.Reader;

    public static async Task<LiveHubClient> ConnectAsync(Uri baseAddress, string hubPath, string accessToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, hubPath + "/negotiate?negotiateVersion=1");
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var negotiated = await http.SendAsync(negotiate);
        negotiated.EnsureSuccessStatusCode();
        var body = await negotiated.Content.ReadFromJsonAsync<JsonElement>();
        var connectionToken = body.GetProperty("connectionToken").GetString();

        var client = new LiveHubClient();
        var ws = new UriBuilder(baseAddress)
        {
            Scheme = baseAddress.Scheme == "https" ? "wss" : "ws",
            Path = hubPath,
            Query = $"id={Uri.EscapeDataString(connectionToken!)}&access_token={Uri.EscapeDataString(accessToken)}",
        };
        await client._socket.ConnectAsync(ws.Uri, CancellationToken.None);
        await client.SendRecordAsync("""{"protocol":"json","version":1}""");
        IReadOnlyList<string> handshake;
        do
        {
            handshake = await client.ReceiveRecordsAsync();
        }
        while (handshake.Count == 0);
        using (var reply = JsonDocument.Parse(handshake[0]))
        {
            if (reply.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException("Handshake refused: " + error.GetString());
            }
        }

        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    /// <summary>
    /// Connects, then waits until the hub has run its <c>OnConnectedAsync</c>, where the watch and staff
    /// hubs put the connection into its group. SignalR answers the handshake before that, so a push sent
    /// right after the handshake can miss the connection (seen in CI: a touch's alert never arrived). A
    /// hub runs invocations only after <c>OnConnectedAsync</c>, so one completed call of the harmless
    /// <paramref name="probeMethod"/> proves the connection is in its group.
    /// </summary>
    public static async Task<LiveHubClient> ConnectJoinedAsync(
        Uri baseAddress, string hubPath, string accessToken, string probeMethod, params object?[] probeArguments)
    {
        var client = await ConnectAsync(baseAddress, hubPath, accessToken);
        try
        {
            await client.InvokeAsync(probeMethod, probeArguments);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Connects to <c>/hubs/watch</c> once the connection is in the account's group (probe: <c>resume</c> after the last seq).</summary>
    public static Task<LiveHubClient> ConnectWatchAsync(Uri baseAddress, string accessToken)
        => ConnectJoinedAsync(baseAddress, "/hubs/watch", accessToken, "resume", long.MaxValue);

    /// <summary>Connects to <c>/hubs/staff</c> once the connection is in the tenant's staff group (probe: <c>inactivity</c>).</summary>
    public static Task<LiveHubClient> ConnectStaffAsync(Uri baseAddress, string accessToken)
        => ConnectJoinedAsync(baseAddress, "/hubs/staff", accessToken, "inactivity");

    /// <summary>Invokes a hub method and returns its result (the completion's <c>result</c>).</summary>
    public async Task<JsonElement> InvokeAsync(string target, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        await SendRecordAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var record in await ReceiveRecordsAsync())
                {
                    Dispatch(record);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
        {
            // Connection closed.
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    private void Dispatch(string record)
    {
        using var document = JsonDocument.Parse(record);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                var arguments = root.GetProperty("arguments").EnumerateArray().Select(a => a.Clone()).ToArray();
                _messages.Writer.TryWrite(new HubMessage(root.GetProperty("target").GetString()!, arguments, DateTimeOffset.UtcNow));
                break;
            case 3:
                var id = root.GetProperty("invocationId").GetString()!;
                if (_pending.TryRemove(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.SetException(new InvalidOperationException("Hub error: " + error.GetString()));
                    }
                    else
                    {
                        completion.SetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }

                break;
            case 7:
                _stop.Cancel();
                break;
        }
    }

    private async Task SendRecordAsync(string json)
        => await _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads one WebSocket message and splits it into complete records (a record may span messages).</summary>
    private async Task<IReadOnlyList<string>> ReceiveRecordsAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("Closed by the server.");
            }

            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        _partial.Append(Encoding.UTF8.GetString(message.ToArray()));
        var text = _partial.ToString();
        var last = text.LastIndexOf(RecordSeparator);
        if (last < 0)
        {
            return [];
        }

        _partial.Clear().Append(text[(last + 1)..]);
        return text[..last].Split(RecordSeparator);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }

        await _receiveLoop;
        _socket.Dispose();
        _stop.Dispose();
    }
}

/// <summary>A server-to-client invocation: its target, its arguments and when it arrived.</summary>
public sealed record HubMessage(string Target, IReadOnlyList<JsonElement> Arguments, DateTimeOffset ReceivedAt);
