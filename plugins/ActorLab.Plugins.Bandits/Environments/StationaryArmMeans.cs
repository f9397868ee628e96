using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>The means of stationary arms: the given ones, or, when none are given, K drawn uniformly in [0, 1] per repetition.</summary>
internal sealed class StationaryArmMeans(double[]? given, int arms)
{
    /// <summary>The most arms an environment takes (each policy keeps per-arm statistics per repetition).</summary>
    public const int MaxArms = 1_000_000;

    private readonly double[]? _given = given is { Length: > 0 } ? given : null;
    private double _best = given is { Length: > 0 } ? given.Max() : 0;

    /// <summary>K.</summary>
    public int Arms => _given?.Length ?? arms;

    /// <summary>This repetition's means (an array: rewards read it at every step).</summary>
    public double[] Values { get; private set; } = given is { Length: > 0 } ? given : [];

    /// <summary>The largest mean.</summary>
    public double Best => _best;

    /// <summary>Draws this repetition's means when none were given.</summary>
    public void Reset(BanditSetup setup)
    {
        if (_given is null)
        {
            var random = RandomStreams.Create(setup.Seed, "bandit.environment.means", setup.Repetition);
            Values = Enumerable.Range(0, arms).Select(_ => random.NextDouble()).ToArray();
            _best = Values.Max();
        }
    }
}
