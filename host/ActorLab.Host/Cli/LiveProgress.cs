using Spectre.Console;

namespace ActorLab.Host.Cli;

/// <summary>
/// Progress of long work on the console: a live bar with elapsed time and an estimate of the time left on an
/// interactive terminal (not with --json); plain lines on stderr when output is redirected (logs, CI); nothing with --quiet.
/// </summary>
public static class LiveProgress
{
    /// <summary>Whether the live bar is shown (an interactive terminal, neither --quiet nor --json).</summary>
    public static bool IsInteractive(SimulationCommandSettings settings, bool json) =>
        !json && !settings.Quiet && !Console.IsOutputRedirected && !Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>
    /// Runs <paramref name="work"/>, giving it a reporter of (units done, short status, full line): the bar's value and
    /// "title: status" when interactive, else the full line to <see cref="SimulationCommandSettings.Progress"/>.
    /// </summary>
    public static async Task<T> RunAsync<T>(SimulationCommandSettings settings, bool json, string title, double total, Func<Action<double, string, string>, Task<T>> work)
    {
        if (!IsInteractive(settings, json))
        {
            var lines = settings.Progress; // with --json too: the summary is on stdout, progress on stderr
            return await work((_, _, line) => lines.WriteLine(line));
        }

        return await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(1, total));
                return await work((done, status, _) =>
                {
                    task.Value = done;
                    task.Description = Markup.Escape($"{title}: {status}");
                });
            });
    }
}
