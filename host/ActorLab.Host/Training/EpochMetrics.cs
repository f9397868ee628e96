namespace ActorLab.Host.Training;

/// <summary>What one epoch of training produced (a row of metrics.csv).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's samples.</param>
/// <param name="GradientNorm">Mean global gradient norm before clipping over the epoch's steps.</param>
/// <param name="LearningRate">The rate of the epoch's last step.</param>
/// <param name="TestLoss">Mean test loss.</param>
/// <param name="TestAccuracy">Test accuracy.</param>
/// <param name="MacroF1">Test F1 averaged over classes.</param>
/// <param name="BalancedAccuracy">Test recall averaged over classes.</param>
/// <param name="PositiveF1">Binary tasks: test F1 of class 1 (the rare class of an imbalanced task); NaN otherwise.</param>
/// <param name="LogitNorm">Mean Euclidean norm of the test logits.</param>
/// <param name="LogZ">Mean log-partition logsumexp(logits) on the test split.</param>
/// <param name="Seconds">Wall time of the epoch's training steps (its evaluation not included).</param>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double GradientNorm, double LearningRate, double TestLoss, double TestAccuracy,
    double MacroF1, double BalancedAccuracy, double PositiveF1, double LogitNorm, double LogZ, double Seconds);
