namespace ActorLab.Plugins.Losses.Studies;

/// <summary>
/// Multinomial logistic regression with an intercept and an L2 penalty on the weights, class 0 the reference
/// (its logit fixed at 0, so K = 2 is ordinary binary logistic regression): z_c(x) = w_c . x + b_c for c = 1..K-1,
/// p = softmax(0, z_1, ..., z_{K-1}), fitted by minimising the summed negative log-likelihood plus the penalty,
/// F(theta) = sum_i [log sum_c exp z_c(x_i) - z_{y_i}(x_i)] + (lambda / 2) sum_c ||w_c||^2
/// (scikit-learn's C = 1 / lambda; the intercepts are not penalised). The penalty keeps the minimiser finite on
/// separable samples; with the penalty fixed and m growing its weight fades, so the fit tends to the unpenalised
/// maximum-likelihood solution. Minimised by Newton's method with a backtracking (Armijo) line search:
/// gradient sum_i (p_ic - [y_i = c]) (x_i, 1) + lambda (w_c, 0), Hessian blocks
/// sum_i p_ic ([c = c'] - p_ic') (x_i, 1)(x_i, 1)^T + lambda I on the weights.
/// Parameters theta: K - 1 blocks (w_c, b_c) of length n + 1.
/// </summary>
public static class MultinomialLogisticRegression
{
    /// <summary>(K - 1)(n + 1).</summary>
    public static int ParameterCount(int features, int classes) => (classes - 1) * (features + 1);

    /// <summary>F(theta) on row-major <paramref name="x"/> with labels <paramref name="y"/>.</summary>
    public static double Objective(double[] theta, double[] x, int[] y, int classes, double l2)
        => Evaluate(theta, x, y, classes, l2, null, null);

    /// <summary>The gradient of F at theta.</summary>
    public static double[] Gradient(double[] theta, double[] x, int[] y, int classes, double l2)
    {
        var gradient = new double[theta.Length];
        Evaluate(theta, x, y, classes, l2, gradient, null);
        return gradient;
    }

    /// <summary>
    /// Minimises F by Newton's method from theta = 0, stopping when half the squared Newton decrement falls below
    /// 1e-10 (1 + |F|) or after <paramref name="maxIterations"/> steps. Returns theta.
    /// </summary>
    public static double[] Fit(double[] x, int[] y, int classes, double l2, int maxIterations = 50)
    {
        var features = x.Length / y.Length;
        var size = ParameterCount(features, classes);
        var theta = new double[size];
        var gradient = new double[size];
        var hessian = new double[size, size];
        var trial = new double[size];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            var value = Evaluate(theta, x, y, classes, l2, gradient, hessian);
            var step = SolveNewtonSystem(hessian, gradient);
            double decrement = 0;
            for (var a = 0; a < size; a++)
            {
                decrement -= gradient[a] * step[a];
            }

            if (decrement / 2 < 1e-10 * (1 + Math.Abs(value)))
            {
                break;
            }

            for (var t = 1.0; t > 1e-12; t /= 2)
            {
                for (var a = 0; a < size; a++)
                {
                    trial[a] = theta[a] + t * step[a];
                }

                if (Objective(trial, x, y, classes, l2) <= value - 1e-4 * t * decrement)
                {
                    Array.Copy(trial, theta, size);
                    break;
                }
            }
        }

        return theta;
    }

    /// <summary>theta as a <see cref="LinearClassifier"/> (class 0's weights and bias are zero).</summary>
    public static LinearClassifier ToLinear(double[] theta, int features, int classes)
    {
        var weights = new double[classes * features];
        var biases = new double[classes];
        for (var c = 1; c < classes; c++)
        {
            var block = (c - 1) * (features + 1);
            Array.Copy(theta, block, weights, c * features, features);
            biases[c] = theta[block + features];
        }

        return new LinearClassifier(weights, biases);
    }

    /// <summary>F(theta); adds its gradient and the lower triangle of its Hessian into the given buffers when not null.</summary>
    private static double Evaluate(double[] theta, double[] x, int[] y, int classes, double l2, double[]? gradient, double[,]? hessian)
    {
        var rows = y.Length;
        var n = x.Length / rows;
        var width = n + 1;
        var logits = new double[classes];
        var residual = new double[classes];
        var augmented = new double[n + 1];
        augmented[n] = 1;
        double value = 0;
        for (var i = 0; i < rows; i++)
        {
            var row = x.AsSpan(i * n, n);
            var max = 0.0;
            for (var c = 1; c < classes; c++)
            {
                var block = theta.AsSpan((c - 1) * width, width);
                var z = block[n];
                for (var j = 0; j < n; j++)
                {
                    z += block[j] * row[j];
                }

                logits[c] = z;
                max = Math.Max(max, z);
            }

            double sum = 0;
            for (var c = 0; c < classes; c++)
            {
                sum += Math.Exp(logits[c] - max);
            }

            value += max + Math.Log(sum) - logits[y[i]];
            if (gradient is null)
            {
                continue;
            }

            for (var c = 1; c < classes; c++)
            {
                residual[c] = Math.Exp(logits[c] - max) / sum;
                var r = residual[c] - (y[i] == c ? 1 : 0);
                var offset = (c - 1) * width;
                for (var j = 0; j < n; j++)
                {
                    gradient[offset + j] += r * row[j];
                }

                gradient[offset + n] += r;
            }

            if (hessian is null)
            {
                continue;
            }

            row.CopyTo(augmented);
            for (var ca = 1; ca < classes; ca++)
            {
                for (var cb = 1; cb <= ca; cb++)
                {
                    var coefficient = residual[ca] * ((ca == cb ? 1 : 0) - residual[cb]);
                    var (offsetA, offsetB) = ((ca - 1) * width, (cb - 1) * width);
                    for (var ja = 0; ja < width; ja++)
                    {
                        var scaled = coefficient * augmented[ja];
                        var last = ca == cb ? ja : width - 1; // lower triangle only
                        for (var jb = 0; jb <= last; jb++)
                        {
                            hessian[offsetA + ja, offsetB + jb] += scaled * augmented[jb];
                        }
                    }
                }
            }
        }

        for (var c = 1; c < classes; c++)
        {
            var offset = (c - 1) * width;
            for (var j = 0; j < n; j++)
            {
                var w = theta[offset + j];
                value += l2 / 2 * w * w;
                if (gradient is not null)
                {
                    gradient[offset + j] += l2 * w;
                }

                if (hessian is not null)
                {
                    hessian[offset + j, offset + j] += l2;
                }
            }
        }

        return value;
    }

    /// <summary>
    /// Solves H s = -g by a Cholesky factorisation of the lower triangle of H (overwritten), with a jitter of
    /// 1e-12 max_a H_aa on the diagonal for intercepts whose curvature vanishes numerically.
    /// </summary>
    private static double[] SolveNewtonSystem(double[,] h, double[] g)
    {
        var size = g.Length;
        var jitter = 0.0;
        for (var a = 0; a < size; a++)
        {
            jitter = Math.Max(jitter, h[a, a]);
        }

        jitter = Math.Max(jitter * 1e-12, 1e-300);
        for (var col = 0; col < size; col++)
        {
            var pivot = h[col, col] + jitter;
            for (var k = 0; k < col; k++)
            {
                pivot -= h[col, k] * h[col, k];
            }

            var root = Math.Sqrt(Math.Max(pivot, jitter));
            h[col, col] = root;
            for (var r = col + 1; r < size; r++)
            {
                var entry = h[r, col];
                for (var k = 0; k < col; k++)
                {
                    entry -= h[r, k] * h[col, k];
                }

                h[r, col] = entry / root;
            }
        }

        // L u = -g, then L^T s = u.
        var s = new double[size];
        for (var r = 0; r < size; r++)
        {
            var entry = -g[r];
            for (var k = 0; k < r; k++)
            {
                entry -= h[r, k] * s[k];
            }

            s[r] = entry / h[r, r];
        }

        for (var r = size - 1; r >= 0; r--)
        {
            var entry = s[r];
            for (var k = r + 1; k < size; k++)
            {
                entry -= h[k, r] * s[k];
            }

            s[r] = entry / h[r, r];
        }

        return s;
    }
}
