using System.Diagnostics;
using System.Text.RegularExpressions;
using ActorLab.Host.Bandits;
using ActorLab.Host.Games;
using ActorLab.Host.Simulation;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Reports;

/// <summary>report.html in every kind's run folder: self-contained, with the plots, and shown by a real browser (headless Chromium) without console errors.</summary>
public sealed partial class RunReportTests() : TempDirectoryTest("report")
{
    [GeneratedRegex("""(src|href)="(https?:)?//""")]
    private static partial Regex RemoteReference();

    private string Write(string json)
    {
        var path = Path.Combine(Dir, $"s-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Report(string folder)
    {
        var path = Path.Combine(folder, "report.html");
        Assert.True(File.Exists(path), $"no report.html in {folder}");
        var html = File.ReadAllText(path);
        Assert.DoesNotMatch(RemoteReference(), html); // nothing fetched from the network
        return html;
    }

    private static int EmbeddedPlots(string html) => Regex.Count(html, "src=\"data:image/png;base64,");

    /// <summary>Headless Chromium's DOM after load and the console messages it logged.</summary>
    private static (string Dom, string[] Console) Render(string page)
    {
        var start = new ProcessStartInfo("chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(page).AbsoluteUri })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start; install Debian's chromium package");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 60 s");
        }

        return (stdout.Result, stderr.Result.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).ToArray());
    }

    [Fact]
    public async Task A_federated_report_embeds_its_plots_and_headless_chromium_shows_them_without_console_errors()
    {
        var summary = await SmallRuns.RunAsync(Dir, SmallRuns.MlpDirichlet, 2);
        var html = Report(summary.RunDirectory);
        Assert.Equal(4, EmbeddedPlots(html)); // accuracy, clients (per-client accuracy in the last round), loss, partition
        Assert.Contains("<table id=\"summary\">", html);
        Assert.Contains("finalAccuracy", html);
        Assert.Contains("<pre id=\"scenario\">", html);
        Assert.Contains("TorchSharp", html);
        foreach (var svg in new[] { "accuracy.svg", "clients.svg", "loss.svg", "partition.svg" })
        {
            Assert.Contains($"href=\"{svg}\"", html);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(summary.RunDirectory, svg)));
        }

        var (dom, console) = Render(Path.Combine(summary.RunDirectory, "report.html"));
        Assert.Contains("data-plots-shown=\"4/4\"", dom);
        Assert.Empty(console);

        // The console check can fail: a page with an error is caught.
        var broken = Path.Combine(Dir, "broken.html");
        File.WriteAllText(broken, "<html><body><script>missingFunction();</script></body></html>");
        Assert.Contains(Render(broken).Console, line => line.Contains("missingFunction", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Training_bandit_and_game_runs_get_reports_with_their_curves()
    {
        var training = await TrainingRuns.RunAsync(Dir, "train", """
            { "kind": "training", "seed": 1, "dataset": "digits", "model": { "name": "mlp", "options": { "hidden": [16] } }, "optimization": { "epochs": 2, "batchSize": 64 } }
            """);
        Assert.Equal(2, EmbeddedPlots(Report(training.RunDirectory))); // loss, accuracy

        var bandit = await BanditRuns.RunAsync(Dir, """
            { "kind": "bandit", "seed": 1, "environment": "bernoulli", "policies": ["ucb1", "thompson"], "steps": 2000, "repetitions": 2 }
            """, 1);
        Assert.Equal(1, EmbeddedPlots(Report(bandit.RunDirectory))); // regret

        var request = new RunRequest(Write("""
            { "kind": "game", "seed": 1, "game": "rock-paper-scissors", "players": [ "hedge", { "name": "hedge", "label": "hedge-2" } ], "rounds": 2000, "repetitions": 2, "batchSize": 500 }
            """), Repo.Manifest, Path.Combine(Dir, "runs"), 1);
        var game = await GameLauncher.RunAsync(request, GameLauncher.Prepare(request));
        var html = Report(game.RunDirectory);
        Assert.Equal(2, EmbeddedPlots(html)); // regret, equilibrium gaps
        Assert.Contains("regret.png", html);
    }
}
