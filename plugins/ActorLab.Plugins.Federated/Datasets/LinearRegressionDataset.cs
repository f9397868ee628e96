using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Federated.Datasets;

/// <summary>Options of <see cref="LinearRegressionDataset"/>.</summary>
public sealed record LinearRegressionOptions
{
    /// <summary>Rows (train and test together).</summary>
    public int Rows { get; init; } = 5000;

    /// <summary>Features d.</summary>
    public int Features { get; init; } = 5;

    /// <summary>Standard deviation of the response noise.</summary>
    public double Noise { get; init; } = 1.0;
}

/// <summary>
/// A linear regression problem for learning from aggregate responses: x ~ N(0, I_d), theta* ~ N(0, I_d) drawn once
/// from the run seed, y = x . theta* + N(0, noise^2). A regression data set: its responses are in
/// <see cref="Dataset.TrainResponses"/> / <see cref="Dataset.TestResponses"/> and models output one value.
/// </summary>
public sealed class LinearRegressionDataset(LinearRegressionOptions options) : IDatasetSource
{
    /// <inheritdoc />
    public Dataset Load(DatasetRequest request)
    {
        var random = RandomStreams.Create(request.Seed, "dataset.linear-regression");
        var d = options.Features;
        var theta = Enumerable.Range(0, d).Select(_ => random.NextGaussian()).ToArray();
        var testRows = (int)Math.Round(options.Rows * request.TestFraction);
        var trainRows = options.Rows - testRows;
        (float[] X, float[] Y) Draw(int rows)
        {
            var x = new float[rows * d];
            var y = new float[rows];
            for (var i = 0; i < rows; i++)
            {
                double response = 0;
                for (var j = 0; j < d; j++)
                {
                    x[i * d + j] = (float)random.NextGaussian();
                    response += x[i * d + j] * theta[j];
                }

                y[i] = (float)(response + random.NextGaussian(0, options.Noise));
            }

            return (x, y);
        }

        var (trainX, trainY) = Draw(trainRows);
        var (testX, testY) = Draw(testRows);
        return new Dataset("linear-regression", d, 1, trainX, new int[trainRows], testX, new int[testRows])
        {
            TrainResponses = trainY,
            TestResponses = testY,
        };
    }
}
