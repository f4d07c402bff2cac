using System.Buffers.Binary;
using System.Net.Sockets;

namespace LoCoPi.ReaderClient.Tests.VirtualCard;

/// <summary>
/// A card in vpcd's virtual reader: inserting connects to vpcd (127.0.0.1:35963), removing
/// disconnects. vpcd frames every message as a 2-byte big-endian length and a payload; a 1-byte
/// payload is a control code (0 power off, 1 power on, 2 reset, 4 ATR request), anything else is
/// an APDU to answer.
/// Insertion and removal are what a person does with a real card: a card is put down only on a
/// reader that pcscd has seen empty, and a card lifted is gone once pcscd has seen the reader empty.
/// Without that, on a busy machine a card removed at the end of one test and the next test's card
/// could fall within one pcscd poll: pcscd never saw the reader empty, never powered the new card
/// on, and the next client read the old card's dead connection ("card removed") and then waited
/// for a card it would never be told about.
/// </summary>
public sealed class VirtualSmartCard : IAsyncDisposable
{
    public const int VpcdPort = 35963;

    private readonly CardImage _image;
    private readonly CardOs _os;
    private readonly Func<Task> _untilReaderEmpty;
    private TcpClient? _client;
    private Task? _loop;
    private CancellationTokenSource? _stop;

    /// <param name="untilReaderEmpty">Waits until pcscd has seen the reader empty (see <see cref="Pcsc.PcscdFixture"/>).</param>
    public VirtualSmartCard(CardImage image, ApduLog log, Func<Task> untilReaderEmpty)
    {
        _image = image;
        _os = new CardOs(image, log);
        _untilReaderEmpty = untilReaderEmpty;
    }

    /// <summary>When it returns true for a command, the card is pulled away instead of answering it.</summary>
    public Func<byte[], bool> PullOn { get; set; } = _ => false;

    /// <summary>Completes when the card left the reader (removed, pulled or pcscd gone).</summary>
    public Task Gone => _loop ?? Task.CompletedTask;

    public async Task InsertAsync(CancellationToken cancellationToken)
    {
        await RemoveAsync();
        await _untilReaderEmpty();
        _client = new TcpClient { NoDelay = true };
        await _client.ConnectAsync("127.0.0.1", VpcdPort, cancellationToken);
        _stop = new CancellationTokenSource();
        _os.Reset();
        _loop = ServeAsync(_client.GetStream(), _stop.Token);
    }

    public async Task RemoveAsync()
    {
        if (_client is null)
        {
            return;
        }

        await _stop!.CancelAsync();
        _client.Dispose();
        try
        {
            await _loop!;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The connection is what we just closed.
        }

        _stop.Dispose();
        _client = null;
        await _untilReaderEmpty();
    }

    public ValueTask DisposeAsync() => new(RemoveAsync());

    private async Task ServeAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        while (!cancellationToken.IsCancellationRequested)
        {
            await stream.ReadExactlyAsync(header, cancellationToken);
            var message = new byte[BinaryPrimitives.ReadUInt16BigEndian(header)];
            await stream.ReadExactlyAsync(message, cancellationToken);
            if (message.Length == 1)
            {
                switch (message[0])
                {
                    case 0 or 1 or 2:
                        _os.Reset();
                        break;
                    case 4:
                        await SendAsync(stream, _image.Atr, cancellationToken);
                        break;
                }

                continue;
            }

            if (PullOn(message))
            {
                _client?.Client.Close();
                return;
            }

            await SendAsync(stream, _os.Execute(message), cancellationToken);
        }
    }

    private static async Task SendAsync(NetworkStream stream, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[2 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(frame, (ushort)payload.Length);
        payload.CopyTo(frame, 2);
        await stream.WriteAsync(frame, cancellationToken);
    }
}
