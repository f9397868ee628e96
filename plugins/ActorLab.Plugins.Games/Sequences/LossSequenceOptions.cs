using System.ComponentModel.DataAnnotations;
namespace ActorLab.Plugins.Games.Sequences;

/// <summary>Options shared by the loss sequences.</summary>
public sealed record LossSequenceOptions
{
    /// <summary>Number of actions.</summary>
    [Range(2, int.MaxValue)]
    public int Actions { get; init; } = 5;

    /// <summary>Standard deviation of the noise added to the trend (trend sequences), before clipping to [0, 1].</summary>
    public double Noise { get; init; } = 0.1;

    /// <summary>
    /// Sinusoidal trend: rounds per cycle; 0 (the default) for twice the horizon, half a cycle over the run, so that
    /// the actions differ in hindsight (over whole cycles every action averages 1/2 and no fixed action beats uniform).
    /// </summary>
    public long Period { get; init; }
}
