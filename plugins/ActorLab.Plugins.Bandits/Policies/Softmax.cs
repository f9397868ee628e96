using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="Softmax"/>.</summary>
public sealed record SoftmaxOptions
{
    /// <summary>Temperature tau: small is greedy, large is uniform.</summary>
    public double Temperature { get; init; } = 0.1;
}

/// <summary>
/// Softmax (Boltzmann) exploration (Sutton &amp; Barto, "Reinforcement Learning", 2.3): play arm a with probability
/// proportional to exp(mean_a / tau); unplayed arms have mean 0. Reports the exact propensity.
/// </summary>
public sealed class Softmax(SoftmaxOptions options) : IBanditPolicy
{
    private readonly ArmStatistics _stats = new();
    private double[] _weights = [];
    private Random _random = new(0);

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _stats.Reset(setup.Arms);
        _weights = new double[setup.Arms];
        _random = RandomStreams.Create(setup.Seed, "bandit.softmax", setup.Repetition);
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        var k = _weights.Length;
        var max = double.NegativeInfinity;
        for (var a = 0; a < k; a++)
        {
            max = Math.Max(max, _stats.Mean(a) / options.Temperature);
        }

        double sum = 0;
        for (var a = 0; a < k; a++)
        {
            _weights[a] = Math.Exp(_stats.Mean(a) / options.Temperature - max);
            sum += _weights[a];
        }

        var u = _random.NextDouble() * sum;
        var arm = k - 1;
        for (var a = 0; a < k; a++)
        {
            u -= _weights[a];
            if (u < 0)
            {
                arm = a;
                break;
            }
        }

        propensity = _weights[arm] / sum;
        return arm;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) => _stats.Add(arm, reward);
}
