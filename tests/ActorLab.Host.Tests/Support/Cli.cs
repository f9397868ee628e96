using System.Diagnostics;

namespace ActorLab.Host.Tests.Support;

/// <summary>Runs the built `actorlab` program as a separate process, as a user would.</summary>
public static class Cli
{
    /// <summary>Exit code, stdout and stderr of one invocation.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs <c>dotnet actorlab.dll args</c> in <paramref name="workingDirectory"/>.</summary>
    public static Result Run(string workingDirectory, IDictionary<string, string>? environment, params string[] args) =>
        RunWithin(TimeSpan.FromMinutes(3), workingDirectory, environment, args);

    /// <summary>Runs <c>dotnet actorlab.dll args</c>; kills it and throws <see cref="TimeoutException"/> if it has not ended after <paramref name="timeout"/>.</summary>
    public static Result RunWithin(TimeSpan timeout, string workingDirectory, IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Repo.HostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // No exporter from the developer's shell may change what a test sees.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            // What it had printed, so that a hang says where it stopped.
            static string Tail(Task<string> text) => text.Wait(TimeSpan.FromSeconds(5)) ? text.Result[Math.Max(0, text.Result.Length - 2000)..] : "(not read)";
            throw new TimeoutException($"actorlab {string.Join(' ', args)} did not finish in {timeout.TotalSeconds:F0} s; "
                + $"stderr ended with: {Tail(stderr)}; stdout ended with: {Tail(stdout)}");
        }

        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
