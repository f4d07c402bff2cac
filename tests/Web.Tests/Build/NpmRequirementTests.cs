using System.Diagnostics;
using Xunit;

namespace LoCoPi.Web.Tests.Build;

/// <summary>
/// src/Web fetches the SignalR browser client with npm, which a machine with only the .NET SDK lacks:
/// the build must say what to install, not fail with "npm ci exited with code 127".
/// </summary>
public sealed class NpmRequirementTests
{
    [Fact]
    public async Task Building_the_web_project_without_npm_says_to_install_it_in_Japanese_and_English()
    {
        var (exitCode, output) = await RunRequireNpmAsync(withNpm: false);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("npm（Node.js 18 以上）が必要です", output, StringComparison.Ordinal);
        Assert.Contains("Building src/Web needs npm", output, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y nodejs npm", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_npm_on_the_path_the_check_passes()
    {
        var (exitCode, output) = await RunRequireNpmAsync(withNpm: true);

        Assert.True(exitCode == 0, output);
    }

    /// <summary>
    /// Runs only the check (the browser client is pretended missing) with a PATH of <c>dotnet</c> and
    /// <c>sh</c> alone, or with the machine's <c>/usr/bin</c> (where Debian puts npm) after them.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> RunRequireNpmAsync(bool withNpm)
    {
        var bin = Directory.CreateTempSubdirectory("locopi-no-npm-");
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin.FullName, "dotnet"), RealPathOf("dotnet"));
            File.CreateSymbolicLink(Path.Combine(bin.FullName, "sh"), RealPathOf("sh"));
            var start = new ProcessStartInfo(Path.Combine(bin.FullName, "dotnet"))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "msbuild", Path.Combine(RepositoryRoot(), "src", "Web", "Web.csproj"), "-t:RequireNpm",
                "-p:SignalRBrowserClient=/nonexistent/signalr.min.js", "-nologo", "-v:q",
            })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PATH"] = withNpm ? bin.FullName + ":/usr/bin:/bin" : bin.FullName;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private static string RealPathOf(string command)
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, command))
            .FirstOrDefault(File.Exists) ?? throw new InvalidOperationException($"{command} is not on the PATH.");
        return File.ResolveLinkTarget(found, returnFinalTarget: true)?.FullName ?? found;
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LoCoPi.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new InvalidOperationException("LoCoPi.sln not found above the test's folder.");
    }
}
