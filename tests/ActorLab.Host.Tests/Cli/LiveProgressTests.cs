using System.Diagnostics;
using System.Text.RegularExpressions;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Cli;

/// <summary>Long work shows a live bar with the current metric and time left on a terminal, and plain lines when output is redirected.</summary>
public sealed partial class LiveProgressTests() : TempDirectoryTest("live-progress")
{
    [GeneratedRegex("\u001b\\[[0-9;?]*[a-zA-Z]")]
    private static partial Regex AnsiEscape();

    private string Scenario()
    {
        var path = Path.Combine(Dir, "train.json");
        File.WriteAllText(path, """
            { "name": "live", "kind": "training", "seed": 1, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [16] } }, "optimization": { "epochs": 12, "batchSize": 16 } }
            """);
        return path;
    }

    [Fact]
    public async Task On_a_terminal_a_training_run_shows_a_bar_with_the_epoch_accuracy_and_time_left()
    {
        // `script` (util-linux) gives the program a pseudo-terminal, as a user's shell would.
        var start = new ProcessStartInfo("script") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Dir };
        foreach (var arg in new[] { "-qec", $"dotnet '{Repo.HostDll}' run '{Scenario()}' --plugins '{Repo.Manifest}' -o '{Path.Combine(Dir, "runs")}'", "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        var screen = AnsiEscape().Replace(output, "");
        Assert.Matches(@"live: epoch \d+, accuracy [0-9.]+ %", screen);
        Assert.Matches(@"\d+%\s+\d\d:\d\d:\d\d\s+\d\d:\d\d:\d\d", screen); // percentage, elapsed, remaining
        Assert.DoesNotContain("train loss", screen); // the plain lines are for redirected output only
    }

    [Fact]
    public void With_output_redirected_a_training_run_prints_one_plain_line_per_epoch()
    {
        var run = Support.Cli.Run(Dir, null, "run", Scenario(), "--plugins", Repo.Manifest, "-o", Path.Combine(Dir, "runs"));
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(12, Regex.Count(run.Stderr, @"^epoch \d+/12: train loss", RegexOptions.Multiline));
    }
}
