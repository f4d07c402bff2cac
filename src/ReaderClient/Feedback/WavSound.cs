using System.Diagnostics;

namespace LoCoPi.ReaderClient.Feedback;

/// <summary>
/// Plays <c>success.wav</c>, <c>warning.wav</c> or <c>error.wav</c> from a folder with <c>aplay</c>.
/// Falls back to the bell when aplay, the file or the sound device is missing.
/// </summary>
internal sealed class WavSound(string directory, ISound fallback) : ISound
{
    public static bool AplayAvailable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "aplay")));

    public async Task PlayAsync(OutcomeKind kind, CancellationToken cancellationToken)
    {
        var file = Path.Combine(directory, kind.ToString().ToLowerInvariant() + ".wav");
        if (!File.Exists(file))
        {
            await fallback.PlayAsync(kind, cancellationToken);
            return;
        }

        try
        {
            using var process = Process.Start(new ProcessStartInfo("aplay", ["-q", file])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (process is null)
            {
                await fallback.PlayAsync(kind, cancellationToken);
                return;
            }

            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                // No sound card (typical in a kiosk VM): the bell still tells the clerk something happened.
                await fallback.PlayAsync(kind, cancellationToken);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            await fallback.PlayAsync(kind, cancellationToken);
        }
    }
}
