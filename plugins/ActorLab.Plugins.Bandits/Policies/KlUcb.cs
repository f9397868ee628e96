using ActorLab.Contracts.Bandits;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="KlUcb"/>.</summary>
public sealed record KlUcbOptions
{
    /// <summary>c in the exploration level ln t + c ln ln t (the paper's analysis uses 3; 0 works best in practice).</summary>
    public double C { get; init; }
}

/// <summary>
/// KL-UCB of Garivier &amp; Cappé, "The KL-UCB Algorithm for Bounded Stochastic Bandits and Beyond" (COLT 2011), for
/// rewards in [0, 1]: after one pull of each arm, play the arm whose index max{q : n_a kl(mean_a, q) &lt;= ln t + c ln ln t}
/// is largest, kl the Bernoulli relative entropy (found by bisection to 1e-6).
/// </summary>
public sealed class KlUcb(KlUcbOptions options) : IBanditPolicy
{
    private readonly ArmStatistics _stats = new();
    private double[] _index = [];

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _stats.Reset(setup.Arms);
        _index = new double[setup.Arms];
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        propensity = 1;
        var unpulled = _stats.Unpulled();
        if (unpulled >= 0)
        {
            return unpulled;
        }

        var t = (double)_stats.Total;
        var level = Math.Log(t) + (t > Math.E ? options.C * Math.Log(Math.Log(t)) : 0);
        for (var a = 0; a < _index.Length; a++)
        {
            _index[a] = UpperBound(Math.Clamp(_stats.Mean(a), 0, 1), level / _stats.Pulls[a]);
        }

        return ArmStatistics.Argmax(_index);
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context) => _stats.Add(arm, reward);

    /// <summary>The largest q in [p, 1] with kl(p, q) &lt;= bound.</summary>
    public static double UpperBound(double p, double bound)
    {
        double low = p, high = 1;
        while (high - low > 1e-6)
        {
            var mid = 0.5 * (low + high);
            if (Kl(p, mid) > bound)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return low;
    }

    /// <summary>Bernoulli relative entropy kl(p, q).</summary>
    public static double Kl(double p, double q)
    {
        const double eps = 1e-15;
        p = Math.Clamp(p, eps, 1 - eps);
        q = Math.Clamp(q, eps, 1 - eps);
        return p * Math.Log(p / q) + (1 - p) * Math.Log((1 - p) / (1 - q));
    }
}
