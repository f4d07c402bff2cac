using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace LoCoPi.Web.Tests.Support;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (any of 127.0.0.0/8 on Linux), so one
/// Silo sees several distinct clients: what limits counted per client address need.
/// </summary>
public static class SourceAddressClient
{
    public static HttpClient ClientFrom(this SiloFixture silo, IPAddress source, string? token = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = silo.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }
}
