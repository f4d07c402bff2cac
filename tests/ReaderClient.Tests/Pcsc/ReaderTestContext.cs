using LoCoPi.ReaderClient.Tests.Infrastructure;

namespace LoCoPi.ReaderClient.Tests.Pcsc;

/// <summary>A temp folder for the queue and the argument list that points a client at a server and the virtual reader.</summary>
public sealed class ReaderTestContext : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("locopi-reader-").FullName;

    public string QueuePath => Path.Combine(Directory, "queue.db");

    public string[] PcscArguments(Uri server) =>
        ["pcsc", "--reader", PcscdFixture.ReaderName, "--server", server.ToString(), "--token", RecordingServer.Token, "--queue", QueuePath];

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
