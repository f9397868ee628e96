using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="Exp3"/>.</summary>
public sealed record Exp3Options
{
    /// <summary>Exploration gamma in (0, 1]; 0 means the horizon-tuned min(1, sqrt(K ln K / ((e - 1) T))).</summary>
    public double Gamma { get; init; }
}

/// <summary>
/// EXP3 of Auer, Cesa-Bianchi, Freund &amp; Schapire, "The Nonstochastic Multiarmed Bandit Problem" (2002), for
/// rewards in [0, 1] chosen by an adversary: p_a = (1 - gamma) w_a / sum w + gamma / K; after playing a with reward x,
/// w_a &lt;- w_a exp(gamma (x / p_a) / K). Weights are kept as logarithms, shifted to stay finite. Regret
/// O(sqrt(T K ln K)) against the best fixed arm, whatever the reward sequence.
/// </summary>
public sealed class Exp3(Exp3Options options) : IBanditPolicy
{
    private double[] _logWeights = [];
    private double[] _probabilities = [];
    private double _gamma;
    private Random _random = new(0);

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        var k = setup.Arms;
        _logWeights = new double[k];
        _probabilities = new double[k];
        _gamma = options.Gamma > 0 ? options.Gamma
            : Math.Min(1, Math.Sqrt(k * Math.Log(k) / ((Math.E - 1) * Math.Max(1, setup.Horizon))));
        _random = RandomStreams.Create(setup.Seed, "bandit.exp3", setup.Repetition);
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        var k = _logWeights.Length;
        var max = _logWeights.Max();
        double sum = 0;
        for (var a = 0; a < k; a++)
        {
            _probabilities[a] = Math.Exp(_logWeights[a] - max);
            sum += _probabilities[a];
        }

        for (var a = 0; a < k; a++)
        {
            _probabilities[a] = (1 - _gamma) * _probabilities[a] / sum + _gamma / k;
        }

        var u = _random.NextDouble();
        var arm = k - 1; // what rounding leaves at the top of [0, 1) goes to the last arm
        for (var a = 0; a < k; a++)
        {
            u -= _probabilities[a];
            if (u < 0)
            {
                arm = a;
                break;
            }
        }

        propensity = _probabilities[arm];
        return arm;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) =>
        _logWeights[arm] += _gamma * (reward / _probabilities[arm]) / _logWeights.Length;
}
