using System.Globalization;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;

namespace ActorLab.Host.Federated;

/// <summary>Each completed round of a federated run (or a resumed one) as progress: round, losses, accuracy, clients, seconds.</summary>
public sealed class RoundProgressLines(RunProgress progress, int rounds) : IRunObserver
{
    /// <inheritdoc />
    public void OnRoundCompleted(RoundMetrics m)
    {
        var quality = double.IsNaN(m.TestAccuracy)
            ? string.Create(CultureInfo.InvariantCulture, $"test mse {m.TestLoss:F4}") // regression (aggregate responses)
            : string.Create(CultureInfo.InvariantCulture, $"acc {m.TestAccuracy:P2}");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"round {m.Round}/{rounds}  loss {m.TrainLoss:F4}  {quality}  clients {m.ClientsReporting}/{m.ClientsSampled}");
        progress(m.Round, text, text + string.Create(CultureInfo.InvariantCulture, $"  {m.RoundSeconds:F2}s"));
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
    public void OnRunFailed(string reason) => progress(rounds, "failed", $"run failed: {reason}");
}
