namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>
/// One ridge regression per arm, kept online: A_a = lambda I + sum x x^T and b_a = sum r x, with A_a^-1 held directly
/// and updated by the Sherman-Morrison formula (O(d^2) per update, no inversion). The estimate is
/// theta_a = A_a^-1 b_a; <see cref="Predict"/> also returns x^T A_a^-1 x, the width every linear confidence bound or
/// posterior needs. With <c>intercept</c>, a constant 1 is appended to every context (so d = 0, a multi-armed
/// bandit, reduces to per-arm means shrunk towards 0). A_a^-1 x from the last <see cref="Predict"/> of an arm is kept,
/// so the <see cref="Update"/> that follows on the same context reuses it instead of a second O(d^2) product.
/// </summary>
internal sealed class RidgeArms
{
    private readonly double[][] _inverse;
    private readonly double[][] _b;
    private readonly double[] _x;
    private readonly double[][] _u;
    private readonly long[] _uVersion;
    private readonly int _d;
    private readonly bool _intercept;
    private long _contextVersion;

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
        _u = Enumerable.Range(0, arms).Select(_ => new double[_d]).ToArray();
        _uVersion = Enumerable.Repeat(-1L, arms).ToArray();
    }

    /// <summary>theta_a . x and x^T A_a^-1 x for arm <paramref name="arm"/>.</summary>
    public (double Mean, double Width) Predict(int arm, ReadOnlySpan<float> context)
    {
        Load(context);
        return PredictLoaded(arm);
    }

    /// <summary>
    /// <see cref="Predict"/> on the context last given to <see cref="Load"/> (a policy scoring every arm loads the
    /// context once per step).
    /// </summary>
    public (double Mean, double Width) PredictLoaded(int arm)
    {
        var u = _u[arm];
        var matrix = _inverse[arm];
        var b = _b[arm];
        var x = _x;
        var d = _d;
        double mean = 0, width = 0;
        for (var i = 0; i < d; i++)
        {
            double ui = 0; // u = A^-1 x, row by row
            for (var j = 0; j < d; j++)
            {
                ui += matrix[i * d + j] * x[j];
            }

            u[i] = ui;
            mean += ui * b[i]; // theta . x = (A^-1 b) . x = b . (A^-1 x), A^-1 symmetric
            width += ui * x[i];
        }

        _uVersion[arm] = _contextVersion;
        return (mean, Math.Max(0, width));
    }

    /// <summary>Adds the observation (x, r) to arm <paramref name="arm"/>'s regression.</summary>
    public void Update(int arm, ReadOnlySpan<float> context, double reward)
    {
        Load(context);
        var inverse = _inverse[arm];
        var u = _u[arm];
        if (_uVersion[arm] != _contextVersion)
        {
            MultiplyInto(inverse, u);
        }

        double denominator = 1;
        var b = _b[arm];
        for (var i = 0; i < _d; i++)
        {
            denominator += _x[i] * u[i];
            b[i] += reward * _x[i];
        }

        for (var i = 0; i < _d; i++)
        {
            var ui = u[i] / denominator;
            for (var j = 0; j < _d; j++)
            {
                inverse[i * _d + j] -= ui * u[j]; // (A + x x^T)^-1 = A^-1 - A^-1 x x^T A^-1 / (1 + x^T A^-1 x)
            }
        }

        _uVersion[arm] = -1; // A_a^-1 changed
    }

    /// <summary>Copies the context into x; a context that differs from the last one (bit for bit) gets a new version.</summary>
    public void Load(ReadOnlySpan<float> context)
    {
        var changed = false;
        for (var i = 0; i < context.Length; i++)
        {
            double xi = context[i];
            if (BitConverter.DoubleToInt64Bits(xi) != BitConverter.DoubleToInt64Bits(_x[i]))
            {
                _x[i] = xi;
                changed = true;
            }
        }

        if (changed)
        {
            _contextVersion++;
        }

        if (_intercept)
        {
            _x[_d - 1] = 1;
        }
    }

    private void MultiplyInto(double[] matrix, double[] target)
    {
        for (var i = 0; i < _d; i++)
        {
            double sum = 0;
            for (var j = 0; j < _d; j++)
            {
                sum += matrix[i * _d + j] * _x[j];
            }

            target[i] = sum;
        }
    }
}
