using System.Globalization;
using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;
using Spectre.Console;

namespace ActorLab.Host.Cli;

/// <summary>
/// Shows a run's progress: a live bar with round, loss, accuracy and elapsed time on a terminal, or one
/// plain line per round on stderr when output is redirected (logs, CI, --json).
/// </summary>
public sealed class ProgressDisplay(ProgressTask? task, int rounds, TextWriter? plain) : IRunObserver
{
    /// <inheritdoc />
    public void OnRoundCompleted(RoundMetrics m)
    {
        var quality = double.IsNaN(m.TestAccuracy)
            ? string.Create(CultureInfo.InvariantCulture, $"test mse {m.TestLoss:F4}") // regression (aggregate responses)
            : string.Create(CultureInfo.InvariantCulture, $"acc {m.TestAccuracy:P2}");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"round {m.Round}/{rounds}  loss {m.TrainLoss:F4}  {quality}  clients {m.ClientsReporting}/{m.ClientsSampled}");
        if (task is not null)
        {
            task.Description = Markup.Escape(text);
            task.Increment(1);
        }

        plain?.WriteLine(text + string.Create(CultureInfo.InvariantCulture, $"  {m.RoundSeconds:F2}s"));
    }

    /// <inheritdoc />
    public void OnRunCompleted()
    {
    }

    /// <inheritdoc />
    public void OnComponentError(string source, string detail)
    {
    }

    /// <inheritdoc />
    public void OnRunFailed(string reason) => plain?.WriteLine($"run failed: {reason}");
}
