using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;
using TorchSharp;

namespace ActorLab.Plugins.Federated.AggregateResponses;

/// <summary>Settings of <see cref="LinearRegressionExperiment"/>.</summary>
/// <param name="Rows">n, rows per replicate.</param>
/// <param name="Features">d.</param>
/// <param name="BagSize">k.</param>
/// <param name="Noise">Standard deviation of the response noise.</param>
/// <param name="Replicates">Independent data sets drawn.</param>
/// <param name="Seed">Run seed.</param>
public sealed record AggregateExperimentSettings(int Rows = 400, int Features = 5, int BagSize = 10, double Noise = 1.0, int Replicates = 200, int Seed = 0);

/// <summary>Bias and variance of one estimator over the replicates.</summary>
/// <param name="Rho">The interpolation weight (0 bag-level, 1 instance-level).</param>
/// <param name="SquaredBias">||mean(theta_hat) - theta*||^2.</param>
/// <param name="Variance">Trace of the covariance of theta_hat.</param>
public sealed record EstimatorQuality(double Rho, double SquaredBias, double Variance)
{
    /// <summary>Mean squared error = squared bias + variance.</summary>
    public double MeanSquaredError => SquaredBias + Variance;
}

/// <summary>
/// The linear-regression experiment of learning from aggregate responses (Javanmard et al., ICLR 2024): draw
/// x ~ N(0, I_d), y = x . theta* + noise, group rows into random bags of size k that reveal only their mean
/// response, and fit theta by minimising the interpolating loss L_bag + rho R in closed form (it is quadratic in
/// theta: with A the within-bag averaging matrix, L_rho = (1/n)[||A y - A X theta||^2 + rho ||(I - A) X theta||^2]).
/// Over many replicates it measures each estimator's squared bias and variance: the bag-level estimator (rho = 0)
/// is unbiased but uses only n/k effective equations; instance-level (rho = 1) shrinks theta (biased) with less variance.
/// </summary>
public static class LinearRegressionExperiment
{
    /// <summary>Runs the experiment for each rho.</summary>
    public static IReadOnlyList<EstimatorQuality> Run(AggregateExperimentSettings settings, IReadOnlyList<double> rhos)
    {
        var random = RandomStreams.Create(settings.Seed, "aggregate-responses.linear");
        var truth = Enumerable.Range(0, settings.Features).Select(_ => random.NextGaussian()).ToArray();
        var estimates = rhos.Select(_ => new List<double[]>()).ToArray();
        for (var r = 0; r < settings.Replicates; r++)
        {
            var x = new double[settings.Rows, settings.Features];
            var y = new double[settings.Rows];
            for (var i = 0; i < settings.Rows; i++)
            {
                for (var j = 0; j < settings.Features; j++)
                {
                    x[i, j] = random.NextGaussian();
                    y[i] += x[i, j] * truth[j];
                }

                y[i] += random.NextGaussian(0, settings.Noise);
            }

            var bags = Bags.Random(y, settings.BagSize, random);
            for (var e = 0; e < rhos.Count; e++)
            {
                estimates[e].Add(Fit(x, bags, rhos[e]));
            }
        }

        return rhos.Select((rho, e) => Quality(rho, estimates[e], truth)).ToList();
    }

    /// <summary>The minimiser of L_bag + rho R for a linear model: (X^T (A + rho (I - A)) X) theta = X^T A y_bag.</summary>
    public static double[] Fit(double[,] x, Bags bags, double rho)
    {
        using var scope = torch.NewDisposeScope();
        var n = x.GetLength(0);
        var averaging = torch.zeros(n, n, dtype: torch.float64);
        var bagResponse = torch.zeros(n, dtype: torch.float64);
        for (var b = 0; b < bags.Members.Length; b++)
        {
            var members = torch.tensor(bags.Members[b].Select(i => (long)i).ToArray());
            averaging.index_put_(1.0 / bags.Members[b].Length, members.unsqueeze(1), members.unsqueeze(0));
            bagResponse.index_fill_(0, members, bags.Responses[b]);
        }

        var features = torch.tensor(x, torch.float64);
        var weight = averaging + rho * (torch.eye(n, dtype: torch.float64) - averaging);
        var lhs = features.t().mm(weight).mm(features);
        var rhs = features.t().mv(bagResponse); // X^T A y = X^T (per-row bag response): A y puts y_b on every member
        return torch.linalg.solve(lhs, rhs).data<double>().ToArray();
    }

    private static EstimatorQuality Quality(double rho, List<double[]> estimates, double[] truth)
    {
        var d = truth.Length;
        var mean = Enumerable.Range(0, d).Select(j => estimates.Average(e => e[j])).ToArray();
        var bias = mean.Zip(truth).Sum(p => (p.First - p.Second) * (p.First - p.Second));
        var variance = Enumerable.Range(0, d).Sum(j => estimates.Sum(e => (e[j] - mean[j]) * (e[j] - mean[j])) / (estimates.Count - 1));
        return new EstimatorQuality(rho, bias, variance);
    }
}
