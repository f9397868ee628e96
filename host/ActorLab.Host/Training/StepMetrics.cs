namespace ActorLab.Host.Training;

/// <summary>One optimizer step of a training run (a row of steps.csv).</summary>
/// <param name="Step">0-based step of the run.</param>
/// <param name="Epoch">1-based epoch it belongs to.</param>
/// <param name="TrainLoss">The batch's mean training loss.</param>
/// <param name="GradientNorm">The global gradient norm before clipping.</param>
/// <param name="LearningRate">The rate the step used.</param>
public sealed record StepMetrics(long Step, int Epoch, double TrainLoss, double GradientNorm, double LearningRate);

/// <summary>What a trainer's pass over an epoch produced: totals, each step, and the seconds its steps took.</summary>
public sealed record EpochTraining(double LossSum, long Samples, double NormSum, long Steps, double Rate, IReadOnlyList<StepMetrics> StepMetrics, double Seconds);
