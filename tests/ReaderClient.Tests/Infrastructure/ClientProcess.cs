using System.Diagnostics;

namespace LoCoPi.ReaderClient.Tests.Infrastructure;

/// <summary>
/// The reader client as a real child process (<c>dotnet LoCoPi.ReaderClient.dll …</c>), so kills
/// and restarts are what they are in the field. Collects its output lines to wait on.
/// </summary>
public sealed class ClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ClientProcess(Process process) => _process = process;

    public static ClientProcess Start(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "LoCoPi.ReaderClient.dll");
        var info = new ProcessStartInfo("dotnet", [dll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        info.Environment["NO_COLOR"] = "1";
        info.Environment["LOCOPI_PCSC_TRACE"] = "1";
        var client = new ClientProcess(Process.Start(info) ?? throw new InvalidOperationException("the client did not start"));
        client._process.OutputDataReceived += (_, e) => client.Remember(e.Data);
        client._process.ErrorDataReceived += (_, e) => client.Remember(e.Data);
        client._process.BeginOutputReadLine();
        client._process.BeginErrorReadLine();
        return client;
    }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    public int Count(string text) => Lines.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits until <paramref name="text"/> has appeared <paramref name="times"/> times; fails if the client dies first.</summary>
    public async Task WaitForAsync(string text, int times = 1, double seconds = 60)
    {
        try
        {
            await Deadline.WaitForAsync(() => Count(text) >= times || _process.HasExited, TimeSpan.FromSeconds(seconds), $"\"{text}\" ×{times}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; client output:\n{Output}", e);
        }

        if (Count(text) < times)
        {
            throw new InvalidOperationException($"the client exited ({_process.ExitCode}) before \"{text}\":\n{Output}");
        }
    }

    /// <summary>Waits for the client to end by itself (a finished <c>simulate</c>); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(double seconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"the client still runs after {seconds} s; output:\n{Output}", e);
        }

        return _process.ExitCode;
    }

    /// <summary>Types a line, as the clerk would at the prompt.</summary>
    public async Task TypeAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGKILL: no chance to flush or clean up, like a power cut.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
