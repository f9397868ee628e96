using ActorLab.Contracts.Bandits;

namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Options of <see cref="LinUcb"/>.</summary>
public sealed record LinUcbOptions
{
    /// <summary>Width alpha of the confidence bonus.</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>Ridge regularisation lambda (A starts as lambda I).</summary>
    public double Lambda { get; init; } = 1.0;
}

/// <summary>
/// LinUCB with disjoint linear models (Li, Chu, Langford &amp; Schapire, "A Contextual-Bandit Approach to Personalized
/// News Article Recommendation", WWW 2010, Algorithm 1): per arm A_a = lambda I + sum x x^T and b_a = sum r x; play
/// argmax_a theta_a . x + alpha sqrt(x^T A_a^-1 x) with theta_a = A_a^-1 b_a. A_a^-1 is kept directly and updated
/// with the Sherman-Morrison formula, O(d^2) per step instead of an inversion. Deterministic (propensity 1).
/// </summary>
public sealed class LinUcb(LinUcbOptions options) : IBanditPolicy
{
    private double[][] _inverse = [];
    private double[][] _b = [];
    private double[] _scratch = [];
    private double[] _scores = [];
    private int _d;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _d = setup.ContextDimension;
        if (_d == 0)
        {
            throw new ArgumentException("linucb needs a contextual environment (context dimension 0)");
        }

        _inverse = Enumerable.Range(0, setup.Arms).Select(_ =>
        {
            var m = new double[_d * _d];
            for (var i = 0; i < _d; i++)
            {
                m[i * _d + i] = 1 / options.Lambda;
            }

            return m;
        }).ToArray();
        _b = Enumerable.Range(0, setup.Arms).Select(_ => new double[_d]).ToArray();
        _scratch = new double[_d];
        _scores = new double[setup.Arms];
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        propensity = 1;
        for (var a = 0; a < _scores.Length; a++)
        {
            var inverse = _inverse[a];
            MultiplyInto(inverse, context, _scratch); // A^-1 x
            double mean = 0, variance = 0;
            for (var i = 0; i < _d; i++)
            {
                mean += _scratch[i] * _b[a][i]; // theta . x = (A^-1 b) . x = b . (A^-1 x), A^-1 symmetric
                variance += _scratch[i] * context[i];
            }

            _scores[a] = mean + options.Alpha * Math.Sqrt(Math.Max(0, variance));
        }

        return ArmStatistics.Argmax(_scores);
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context)
    {
        var inverse = _inverse[arm];
        MultiplyInto(inverse, context, _scratch); // u = A^-1 x
        double denominator = 1;
        for (var i = 0; i < _d; i++)
        {
            denominator += context[i] * _scratch[i];
            _b[arm][i] += reward * context[i];
        }

        for (var i = 0; i < _d; i++)
        {
            for (var j = 0; j < _d; j++)
            {
                inverse[i * _d + j] -= _scratch[i] * _scratch[j] / denominator; // (A + x x^T)^-1 by Sherman-Morrison
            }
        }
    }

    private void MultiplyInto(double[] matrix, ReadOnlySpan<float> x, double[] result)
    {
        for (var i = 0; i < _d; i++)
        {
            double sum = 0;
            for (var j = 0; j < _d; j++)
            {
                sum += matrix[i * _d + j] * x[j];
            }

            result[i] = sum;
        }
    }
}
