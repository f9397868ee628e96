using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Losses.Datasets;

/// <summary>Options of <see cref="GaussianMixtureDataset"/>.</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>K.</summary>
    public int Classes { get; init; } = 2;

    /// <summary>d.</summary>
    public int Features { get; init; } = 10;

    /// <summary>Training rows.</summary>
    public int TrainSamples { get; init; } = 5000;

    /// <summary>Test rows.</summary>
    public int TestSamples { get; init; } = 5000;

    /// <summary>Standard deviation of the class means around 0 (unit-variance classes), i.e. how separable they are.</summary>
    public double Separation { get; init; } = 1.0;

    /// <summary>Share of the last class (the positive class of a binary task); the others share the rest equally. 0: balanced.</summary>
    [Range(0.0, 1.0, MaximumIsExclusive = true)]
    public double MinorityShare { get; init; }

    /// <summary>Share of training labels replaced by a uniformly random class (test labels stay clean).</summary>
    [Range(0.0, 1.0)]
    public double LabelNoise { get; init; }
}

/// <summary>
/// A Gaussian-mixture classification task for the loss reproductions: class means mu_k ~ N(0, separation^2 I_d),
/// rows x ~ N(mu_y, I_d), classes drawn with the given priors (a rare last class for imbalance), and optionally a
/// share of training labels replaced uniformly at random (symmetric label noise). Everything from the run seed.
/// </summary>
public sealed class GaussianMixtureDataset(GaussianMixtureOptions options) : IDatasetSource
{
    /// <inheritdoc />
    public Dataset Load(DatasetRequest request)
    {
        var (k, d) = (options.Classes, options.Features);
        if (k < 2 || d < 1 || options.TrainSamples < k || options.TestSamples < 1 || options.MinorityShare is < 0 or >= 1 || options.LabelNoise is < 0 or > 1)
        {
            throw new ArgumentException("gaussian-mixture: classes >= 2, features >= 1, trainSamples >= classes, minorityShare in [0, 1), labelNoise in [0, 1]");
        }

        var random = RandomStreams.Create(request.Seed, "gaussian-mixture");
        var means = Enumerable.Range(0, k).Select(_ => Enumerable.Range(0, d).Select(_ => options.Separation * random.NextGaussian()).ToArray()).ToArray();
        var priors = options.MinorityShare > 0
            ? Enumerable.Range(0, k).Select(c => c == k - 1 ? options.MinorityShare : (1 - options.MinorityShare) / (k - 1)).ToArray()
            : Enumerable.Repeat(1.0 / k, k).ToArray();

        (float[] X, int[] Y) Draw(int rows, double noise)
        {
            var x = new float[rows * d];
            var y = new int[rows];
            for (var i = 0; i < rows; i++)
            {
                var u = random.NextDouble();
                var c = 0;
                for (double cumulative = priors[0]; c < k - 1 && u >= cumulative; cumulative += priors[++c])
                {
                }

                for (var j = 0; j < d; j++)
                {
                    x[i * d + j] = (float)(means[c][j] + random.NextGaussian());
                }

                y[i] = random.NextDouble() < noise ? random.Next(k) : c;
            }

            return (x, y);
        }

        var (trainX, trainY) = Draw(options.TrainSamples, options.LabelNoise);
        var (testX, testY) = Draw(options.TestSamples, 0);
        return new Dataset("gaussian-mixture", d, k, trainX, trainY, testX, testY);
    }
}
