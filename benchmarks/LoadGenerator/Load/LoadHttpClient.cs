using System.Net;

namespace LoCoPi.LoadGenerator.Load;

/// <summary>The HTTP client of a closed-loop run: pooled connections kept for the whole run, nothing the server does not need.</summary>
internal static class LoadHttpClient
{
    /// <summary>
    /// <paramref name="connections"/> should exceed the simulated readers, so no reader ever waits
    /// for another's socket (set-up and probes use a few more).
    /// </summary>
    public static HttpClient Create(int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }
}
