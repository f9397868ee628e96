using System.Diagnostics;

namespace ActorLab.Host.Tests.Support;

/// <summary>
/// Runs the .NET SDK (<c>dotnet pack</c>, <c>dotnet new</c>, <c>dotnet build</c>, ...) as a separate process, as a plugin
/// author would, without build servers that would outlive the test; the process tree is killed on timeout.
/// </summary>
public static class DotnetCommand
{
    /// <summary>Exit code, output and duration of one invocation.</summary>
    public sealed record Result(int ExitCode, string Output, TimeSpan Elapsed)
    {
        /// <summary>Fails the test with the command's output unless it exited with 0.</summary>
        public Result EnsureSuccess(string what) =>
            ExitCode == 0 ? this : throw new Xunit.Sdk.XunitException($"{what} failed (exit code {ExitCode}):\n{Output}");
    }

    /// <summary>Runs <c>dotnet args</c> in <paramref name="workingDirectory"/> with <paramref name="environment"/> added.</summary>
    public static async Task<Result> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No MSBuild node or compiler server may stay behind after the test.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
            var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
            await process.WaitForExitAsync(cancel.Token);
            return new Result(process.ExitCode, await stdout + await stderr, clock.Elapsed);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:0} s");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
