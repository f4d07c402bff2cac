using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace LoCoPi.LoadGenerator.Watch;

/// <summary>
/// One family page's connection to <c>/hubs/watch</c>, speaking SignalR's JSON hub protocol over a
/// raw <see cref="ClientWebSocket"/> (the .NET SignalR client is not available here): negotiate,
/// connect with the connection token, handshake, then records separated by 0x1E. Each <c>alert</c>
/// invocation's touch id and arrival time go to <see cref="AlertLedger"/>; pings are answered.
/// </summary>
internal sealed class FamilyHubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _socket = new();
    private readonly int _family;
    private readonly AlertLedger _ledger;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _receiving = Task.CompletedTask;

    private FamilyHubClient(int family, AlertLedger ledger)
    {
        _family = family;
        _ledger = ledger;
    }

    /// <summary>Set when the server closed the connection or it failed: its alerts would be missing.</summary>
    public string? Failure { get; private set; }

    public static async Task<FamilyHubClient> ConnectAsync(
        HttpClient http, Uri baseUrl, string token, int family, AlertLedger ledger, CancellationToken cancellationToken)
    {
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, "hubs/watch/negotiate?negotiateVersion=1"));
        negotiate.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var negotiated = await http.SendAsync(negotiate, cancellationToken);
        negotiated.EnsureSuccessStatusCode();
        var connectionToken = (await negotiated.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("connectionToken").GetString()!;

        var client = new FamilyHubClient(family, ledger);
        var ws = new UriBuilder(new Uri(baseUrl, "hubs/watch"))
        {
            Scheme = baseUrl.Scheme == "https" ? "wss" : "ws",
            Query = $"id={Uri.EscapeDataString(connectionToken)}&access_token={Uri.EscapeDataString(token)}",
        };
        await client._socket.ConnectAsync(ws.Uri, cancellationToken);
        await client._socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, cancellationToken);
        client._receiving = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        return client;
    }

    /// <summary>Keeps the server from timing the connection out (it expects a message every 30 s).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (_socket.State != WebSocketState.Open)
        {
            return;
        }

        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Ping, WebSocketMessageType.Text, true, cancellationToken);
        }
        catch (WebSocketException error)
        {
            Failure ??= error.Message;
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                var arrived = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Failure ??= "closed by the server: " + result.CloseStatusDescription;
                    return;
                }

                pending.Write(buffer.AsSpan(0, result.Count));
                var span = pending.WrittenSpan;
                var consumed = 0;
                int end;
                while ((end = span[consumed..].IndexOf(RecordSeparator)) >= 0)
                {
                    Dispatch(span.Slice(consumed, end), arrived);
                    consumed += end + 1;
                }

                if (consumed > 0)
                {
                    var rest = span[consumed..].ToArray();
                    pending.Clear();
                    pending.Write(rest);
                }
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            Failure ??= error.Message;
        }
    }

    private void Dispatch(ReadOnlySpan<byte> record, long arrived)
    {
        var reader = new Utf8JsonReader(record);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            Failure ??= "hub error: " + error.GetString();
            return;
        }

        if (!root.TryGetProperty("type", out var type) || type.GetInt32() != 1
            || root.GetProperty("target").GetString() != "alert")
        {
            return; // the handshake reply, pings (type 6), anything else
        }

        var alert = root.GetProperty("arguments")[0];
        _ledger.Record(_family, alert.TryGetProperty("touchId", out var id) ? id.GetString() : null, arrived);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            // Already gone.
        }

        _socket.Abort();
        await _receiving;
        _socket.Dispose();
        _sending.Dispose();
    }
}
