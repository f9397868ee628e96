namespace ActorLab.Host.Simulation.Kinds;

/// <summary>The metric a kind's runs are compared by.</summary>
/// <param name="Name">Column name in the database and in a sweep's comparison.csv ("test_accuracy").</param>
/// <param name="Label">How tables and plots name it ("test accuracy").</param>
/// <param name="HigherIsBetter">Whether a larger value is a better run (accuracy) or a worse one (regret).</param>
/// <param name="Unit">What one step of its curve is ("round", "step", "epoch").</param>
public sealed record HeadlineMetric(string Name, string Label, bool HigherIsBetter, string Unit);
