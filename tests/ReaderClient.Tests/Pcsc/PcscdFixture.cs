using System.Diagnostics;
using LoCoPi.ReaderClient.Pcsc;
using LoCoPi.ReaderClient.Tests.Infrastructure;
using LoCoPi.ReaderClient.Tests.VirtualCard;

namespace LoCoPi.ReaderClient.Tests.Pcsc;

/// <summary>
/// Runs the real PC/SC stack for the tests: <c>pcscd -f</c> as a child process (root; installed
/// by <c>scripts/install-pcsc.sh</c>) with the vsmartcard-vpcd driver, whose reader
/// "Virtual PCD 00 00" takes virtual cards on TCP 35963. Fails loudly when it cannot start.
/// Holds the APDU log every virtual card of the collection writes to.
/// </summary>
public sealed class PcscdFixture : IAsyncLifetime
{
    public const string ReaderName = "Virtual PCD 00 00";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(20);
    private Process? _pcscd;
    private readonly List<string> _output = [];

    public ApduLog Log { get; } = new();

    public async Task InitializeAsync()
    {
        if (ServiceAnswers())
        {
            throw new InvalidOperationException(
                "pcscd is already running; the tests start and stop their own. Stop it first (e.g. `pkill -x pcscd` after checking it is not in use).");
        }

        await StartAsync();
    }

    public async Task DisposeAsync() => await StopAsync();

    /// <summary>Stops pcscd (SIGTERM) and starts it again, as an administrator or a package upgrade would.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public VirtualSmartCard NewCard(CardImage image) => new(image, Log, WaitUntilReaderEmptyAsync);

    /// <summary>
    /// Waits until pcscd has seen the reader empty. vpcd polls presence, so a card removed and
    /// another inserted within one poll is, to pcscd, one card that never left — as with a
    /// real reader, a person must lift the card before the next touch. Without pcscd (a test
    /// stopped it) there is nothing to wait for: its successor starts with the reader as it finds it.
    /// </summary>
    public async Task WaitUntilReaderEmptyAsync()
    {
        await Deadline.WaitForAsync(() =>
        {
            if (_pcscd is null || _pcscd.HasExited)
            {
                return true;
            }

            using var context = PcscContext.Establish();
            var reader = new ReaderStatus(ReaderName);
            return context.WaitForChange([reader], TimeSpan.Zero) && reader.Has(PcscConstants.StateEmpty);
        }, TimeSpan.FromSeconds(30), "the virtual reader to be empty");
    }

    public async Task StartAsync()
    {
        var binary = new[] { "/usr/sbin/pcscd", "/usr/bin/pcscd", "/sbin/pcscd" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pcscd is not installed: run scripts/install-pcsc.sh (as root) before the tests.");
        if (!File.Exists("/etc/reader.conf.d/vpcd"))
        {
            throw new InvalidOperationException("The vpcd driver is not configured (/etc/reader.conf.d/vpcd): run scripts/install-pcsc.sh.");
        }

        var info = new ProcessStartInfo(binary, ["--foreground", "--apdu", "--error"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _pcscd = Process.Start(info) ?? throw new InvalidOperationException("pcscd did not start");
        _pcscd.OutputDataReceived += (_, e) => Remember(e.Data);
        _pcscd.ErrorDataReceived += (_, e) => Remember(e.Data);
        _pcscd.BeginOutputReadLine();
        _pcscd.BeginErrorReadLine();

        try
        {
            await Deadline.WaitForAsync(() => _pcscd.HasExited || ReaderListed(), s_startTimeout, "pcscd and the vpcd reader");
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"pcscd did not come up: {e.Message}\n{string.Join('\n', Snapshot())}", e);
        }

        if (_pcscd.HasExited)
        {
            throw new InvalidOperationException($"pcscd exited with {_pcscd.ExitCode} (must run as root):\n{string.Join('\n', Snapshot())}");
        }
    }

    public async Task StopAsync()
    {
        if (_pcscd is null || _pcscd.HasExited)
        {
            return;
        }

        // SIGTERM lets pcscd remove its socket and pid file, so the next start is clean.
        Process.Start("kill", ["-TERM", _pcscd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _pcscd.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _pcscd.Kill();
            await _pcscd.WaitForExitAsync();
        }

        _pcscd.Dispose();
        _pcscd = null;
    }

    private static bool ReaderListed()
    {
        try
        {
            using var context = PcscContext.Establish();
            return context.ListReaders().Contains(ReaderName);
        }
        catch (PcscException)
        {
            return false;
        }
    }

    private static bool ServiceAnswers()
    {
        try
        {
            using var context = PcscContext.Establish();
            return true;
        }
        catch (PcscException)
        {
            return false;
        }
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private List<string> Snapshot()
    {
        lock (_output)
        {
            return [.. _output];
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RealPcscGroup : ICollectionFixture<PcscdFixture>
{
    public const string Name = "real PC/SC stack";
}
