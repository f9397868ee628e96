using System.Globalization;
using ActorLab.Host.Results;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>Progress and cancellation lines of the kinds that run repetitions over a horizon (bandit, game).</summary>
public static class RepetitionProgressLines
{
    /// <summary>
    /// The bar counts repetitions' worth of work; a line says when a repetition completed or the running ones all
    /// passed another tenth of the horizon (<paramref name="unit"/>: "step", "round").
    /// </summary>
    public static Action<RepetitionProgress> Reporter(RunProgress report, int repetitions, string unit)
    {
        var completed = 0;
        return p =>
        {
            var line = p.Completed != completed
                ? string.Create(CultureInfo.InvariantCulture, $"repetition {p.Completed}/{repetitions} done")
                : string.Create(CultureInfo.InvariantCulture, $"{unit} {p.Reached:N0}/{p.Horizon:N0} reached by {(p.Running == 1 ? "the running repetition" : $"all {p.Running} running repetitions")}");
            completed = p.Completed;
            report(p.Done, $"{p.Completed}/{repetitions} repetitions", line);
        };
    }

    /// <summary>What a cancelled run kept, for stderr.</summary>
    public static string Cancelled(int repetitions, string unit, long reached, string folder) => repetitions == 0
        ? $"cancelled before any repetition reached its first checkpoint; the summary is in {folder}"
        : string.Create(CultureInfo.InvariantCulture, $"cancelled; the results of {repetitions} repetition(s) up to {unit} {reached:N0} are in {folder}");
}
