using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="EpsilonGreedy"/>.</summary>
public sealed record EpsilonGreedyOptions
{
    /// <summary>Exploration probability (fixed schedule), or the constant c of the decaying one.</summary>
    public double Epsilon { get; init; } = 0.1;

    /// <summary>Decay as epsilon_t = min(1, epsilon K / t) (Auer et al.'s epsilon_n-greedy, with c d^-2 folded into epsilon).</summary>
    public bool Decaying { get; init; }
}

/// <summary>
/// Epsilon-greedy: with probability epsilon_t a uniform arm, otherwise the arm with the best mean (ties to the
/// lowest index). Fixed epsilon has linear regret (it keeps exploring); the decaying schedule is logarithmic
/// for a well-chosen constant (Auer, Cesa-Bianchi &amp; Fischer 2002). Reports the exact propensity
/// (1 - epsilon_t + epsilon_t / K for the greedy arm, epsilon_t / K otherwise).
/// </summary>
public sealed class EpsilonGreedy(EpsilonGreedyOptions options) : IBanditPolicy
{
    private readonly ArmStatistics _stats = new();
    private double[] _means = [];
    private Random _random = new(0);

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _stats.Reset(setup.Arms);
        _means = new double[setup.Arms];
        _random = RandomStreams.Create(setup.Seed, "bandit.epsilon-greedy", setup.Repetition);
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        var arms = _means.Length;
        var epsilon = options.Decaying ? Math.Min(1, options.Epsilon * arms / (step + 1.0)) : options.Epsilon;
        for (var a = 0; a < arms; a++)
        {
            _means[a] = _stats.Mean(a);
        }

        var greedy = ArmStatistics.Argmax(_means);
        var arm = _random.NextDouble() < epsilon ? _random.Next(arms) : greedy;
        propensity = (arm == greedy ? 1 - epsilon : 0) + epsilon / arms;
        return arm;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) => _stats.Add(arm, reward);
}
