using System.ComponentModel.DataAnnotations;
namespace ActorLab.Plugins.Bandits.Policies.Neural;

/// <summary>Options of the neural regression-oracle policies, <see cref="NeuSquareCb"/> and <see cref="NeuFastCb"/>.</summary>
public sealed record NeuralCbOptions
{
    /// <summary>Hidden width m of the one-hidden-layer network.</summary>
    [Range(1, int.MaxValue)]
    public int Hidden { get; init; } = 100;

    /// <summary>Step size of the online gradient descent.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Gradient steps on each new observation.</summary>
    public int UpdatesPerStep { get; init; } = 1;

    /// <summary>gamma_t = GammaScale * t^GammaExponent.</summary>
    public double GammaScale { get; init; } = 10;

    /// <summary>gamma_t = GammaScale * t^GammaExponent.</summary>
    public double GammaExponent { get; init; } = 0.5;

    /// <summary>Standard deviation of the random perturbation added to each prediction (0 turns it off).</summary>
    public double Perturbation { get; init; } = 0.01;
}
