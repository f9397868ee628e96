namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>
/// One ridge regression per arm, kept online: A_a = lambda I + sum x x^T and b_a = sum r x, with A_a^-1 held directly
/// and updated by the Sherman-Morrison formula (O(d^2) per update, no inversion). The estimate is
/// theta_a = A_a^-1 b_a; <see cref="Predict"/> also returns x^T A_a^-1 x, the width every linear confidence bound or
/// posterior needs. With <c>intercept</c>, a constant 1 is appended to every context (so d = 0, a multi-armed
/// bandit, reduces to per-arm means shrunk towards 0).
/// </summary>
internal sealed class RidgeArms
{
    private readonly double[][] _inverse;
    private readonly double[][] _b;
    private readonly double[] _x;
    private readonly double[] _u;
    private readonly int _d;
    private readonly bool _intercept;

    public RidgeArms(int arms, int contextDimension, double lambda, bool intercept)
    {
        if (lambda <= 0)
        {
            throw new ArgumentException($"ridge regularisation lambda must be positive, got {lambda}");
        }

        _intercept = intercept;
        _d = contextDimension + (intercept ? 1 : 0);
        if (_d == 0)
        {
            throw new ArgumentException("a linear model needs a contextual environment (context dimension 0)");
        }

        _inverse = Enumerable.Range(0, arms).Select(_ =>
        {
            var m = new double[_d * _d];
            for (var i = 0; i < _d; i++)
            {
                m[i * _d + i] = 1 / lambda;
            }

            return m;
        }).ToArray();
        _b = Enumerable.Range(0, arms).Select(_ => new double[_d]).ToArray();
        _x = new double[_d];
        _u = new double[_d];
    }

    /// <summary>theta_a . x and x^T A_a^-1 x for arm <paramref name="arm"/>.</summary>
    public (double Mean, double Width) Predict(int arm, ReadOnlySpan<float> context)
    {
        Load(context);
        MultiplyInto(_inverse[arm]); // u = A^-1 x
        double mean = 0, width = 0;
        var b = _b[arm];
        for (var i = 0; i < _d; i++)
        {
            mean += _u[i] * b[i]; // theta . x = (A^-1 b) . x = b . (A^-1 x), A^-1 symmetric
            width += _u[i] * _x[i];
        }

        return (mean, Math.Max(0, width));
    }

    /// <summary>Adds the observation (x, r) to arm <paramref name="arm"/>'s regression.</summary>
    public void Update(int arm, ReadOnlySpan<float> context, double reward)
    {
        Load(context);
        var inverse = _inverse[arm];
        MultiplyInto(inverse);
        double denominator = 1;
        var b = _b[arm];
        for (var i = 0; i < _d; i++)
        {
            denominator += _x[i] * _u[i];
            b[i] += reward * _x[i];
        }

        for (var i = 0; i < _d; i++)
        {
            var ui = _u[i] / denominator;
            for (var j = 0; j < _d; j++)
            {
                inverse[i * _d + j] -= ui * _u[j]; // (A + x x^T)^-1 = A^-1 - A^-1 x x^T A^-1 / (1 + x^T A^-1 x)
            }
        }
    }

    private void Load(ReadOnlySpan<float> context)
    {
        for (var i = 0; i < context.Length; i++)
        {
            _x[i] = context[i];
        }

        if (_intercept)
        {
            _x[_d - 1] = 1;
        }
    }

    private void MultiplyInto(double[] matrix)
    {
        for (var i = 0; i < _d; i++)
        {
            double sum = 0;
            for (var j = 0; j < _d; j++)
            {
                sum += matrix[i * _d + j] * _x[j];
            }

            _u[i] = sum;
        }
    }
}
