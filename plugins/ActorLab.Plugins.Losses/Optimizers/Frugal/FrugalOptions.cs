using System.ComponentModel.DataAnnotations;
namespace ActorLab.Plugins.Losses.Optimizers.Frugal;

/// <summary>Options of <see cref="FrugalOptimizer"/>.</summary>
public sealed record FrugalOptions
{
    /// <summary>rho: the share of every parameter tensor's coordinates updated by Adam (with state); the rest by signSGD.</summary>
    [Range(0.0, 1.0)]
    public double Density { get; init; } = 0.25;

    /// <summary>T: the state-full coordinates are redrawn every T steps (the paper's update gap, 200 in its experiments).</summary>
    [Range(1, int.MaxValue)]
    public int UpdateInterval { get; init; } = 200;

    /// <summary>Multiplier of the learning rate for the state-free signSGD coordinates (1 for pre-training, 0.1 for fine-tuning in the paper).</summary>
    [Range(0.0, double.MaxValue)]
    public double StateFreeLearningRateScale { get; init; } = 1.0;

    /// <summary>Adam's beta1.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's beta2.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's epsilon.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>Decoupled weight decay applied to every coordinate (w &lt;- w (1 - lr wd)) before the update.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Seed of the coordinate selection (with the parameter tensor's index and the selection round).</summary>
    public int Seed { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad option and the fix.</summary>
    public void Validate()
    {
        static void Require(bool ok, string option, object value, string fix)
        {
            if (!ok)
            {
                throw new ArgumentException($"frugal: option '{option}' {fix}, got {value}");
            }
        }

        Require(Density is >= 0 and <= 1, "density", Density, "must be in [0, 1] (0: signSGD everywhere, 1: Adam everywhere)");
        Require(UpdateInterval >= 1, "updateInterval", UpdateInterval, "must be at least 1 step (the paper uses 200)");
        Require(StateFreeLearningRateScale >= 0, "stateFreeLearningRateScale", StateFreeLearningRateScale, "must be non-negative (1 by default)");
        Require(Beta1 is >= 0 and < 1, "beta1", Beta1, "must be in [0, 1) (0.9 by default)");
        Require(Beta2 is >= 0 and < 1, "beta2", Beta2, "must be in [0, 1) (0.999 by default)");
        Require(Epsilon > 0, "epsilon", Epsilon, "must be positive (1e-8 by default)");
        Require(WeightDecay >= 0, "weightDecay", WeightDecay, "must be non-negative (0 by default)");
    }
}
