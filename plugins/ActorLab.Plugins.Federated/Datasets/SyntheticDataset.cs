using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Federated.Datasets;

/// <summary>Options of <see cref="SyntheticDataset"/> (defaults: Synthetic(1, 1) of the FedProx paper).</summary>
public sealed record SyntheticOptions
{
    /// <summary>alpha: standard deviation of the per-device model mean u_k (how much devices' models differ).</summary>
    public double Alpha { get; init; } = 1.0;

    /// <summary>beta: standard deviation of the per-device input mean B_k (how much devices' inputs differ).</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>Synthetic-IID: one global model W, b ~ N(0, 1) and zero-mean inputs for every device.</summary>
    public bool Iid { get; init; }

    /// <summary>Devices (clients).</summary>
    public int Devices { get; init; } = 30;

    /// <summary>Input dimension.</summary>
    public int Features { get; init; } = 60;

    /// <summary>Classes.</summary>
    public int Classes { get; init; } = 10;

    /// <summary>
    /// Generate each device's rows only when its client trains (for federations too large to hold, e.g.
    /// 100,000 devices). Each device then draws from its own stream (seed, device), so the data differ from the
    /// default mode's single stream; the test split is the held-out rows of the first <see cref="TestDevices"/> devices.
    /// </summary>
    public bool OnDemand { get; init; }

    /// <summary>With <see cref="OnDemand"/>: devices whose held-out rows form the test split.</summary>
    public int TestDevices { get; init; } = 100;
}

/// <summary>
/// The Synthetic(alpha, beta) data of Li et al., "Federated Optimization in Heterogeneous Networks" (FedProx,
/// MLSys 2020), following its generator: device k has n_k = floor(lognormal(4, 2)) + 50 samples;
/// u_k ~ N(0, alpha), B_k ~ N(0, beta) (alpha, beta are standard deviations); W_k ~ N(u_k, 1) (features x classes),
/// b_k ~ N(u_k, 1); v_k ~ N(B_k, 1) per feature; x ~ N(v_k, Sigma) with Sigma diagonal, Sigma_jj = (j + 1)^-1.2;
/// y = argmax(x W_k + b_k) (the argmax of the softmax). Synthetic-IID uses one W, b ~ N(0, 1) and v_k = 0.
/// Each device's rows are split into train and test (the request's testFraction); the train rows of device k
/// are its natural shard (use the <c>natural</c> partitioner). Every draw comes from the run seed.
/// </summary>
public sealed class SyntheticDataset(SyntheticOptions options) : IDatasetSource
{
    /// <inheritdoc />
    public Dataset Load(DatasetRequest request) => options.OnDemand ? LoadOnDemand(request) : LoadAll(request);

    private Dataset LoadAll(DatasetRequest request)
    {
        var random = RandomStreams.Create(request.Seed, "dataset.synthetic");
        int d = options.Features, c = options.Classes;
        var sigma = Enumerable.Range(0, d).Select(j => Math.Sqrt(Math.Pow(j + 1, -1.2))).ToArray();
        var (globalW, globalB) = (Matrix(random, d, c, 0), Matrix(random, 1, c, 0)[0]);

        var trainX = new List<float>();
        var trainY = new List<int>();
        var testX = new List<float>();
        var testY = new List<int>();
        var shards = new int[options.Devices][];
        for (var k = 0; k < options.Devices; k++)
        {
            var samples = (int)Math.Floor(Math.Exp(random.NextGaussian(4, 2))) + 50;
            var u = random.NextGaussian(0, options.Alpha);
            var bk = random.NextGaussian(0, options.Beta);
            var (w, b) = options.Iid ? (globalW, globalB) : (Matrix(random, d, c, u), Matrix(random, 1, c, u)[0]);
            var v = Enumerable.Range(0, d).Select(_ => options.Iid ? 0.0 : random.NextGaussian(bk, 1)).ToArray();
            var testCount = (int)Math.Round(samples * request.TestFraction);
            var shard = new List<int>();
            for (var i = 0; i < samples; i++)
            {
                var x = new float[d];
                for (var j = 0; j < d; j++)
                {
                    x[j] = (float)random.NextGaussian(v[j], sigma[j]);
                }

                var label = Argmax(x, w, b);
                if (i < samples - testCount)
                {
                    shard.Add(trainY.Count);
                    trainX.AddRange(x);
                    trainY.Add(label);
                }
                else
                {
                    testX.AddRange(x);
                    testY.Add(label);
                }
            }

            shards[k] = [.. shard];
        }

        return new Dataset(options.Iid ? "synthetic-iid" : $"synthetic({options.Alpha},{options.Beta})", d, c,
            [.. trainX], [.. trainY], [.. testX], [.. testY])
        {
            NaturalShards = shards,
        };
    }

    private Dataset LoadOnDemand(DatasetRequest request)
    {
        var devices = new OnDemandDevices(options, request);
        var testX = new List<float>();
        var testY = new List<int>();
        for (var k = 0; k < Math.Min(options.TestDevices, options.Devices); k++)
        {
            var (x, y) = devices.Generate(k, heldOut: true);
            testX.AddRange(x);
            testY.AddRange(y);
        }

        return new Dataset(options.Iid ? "synthetic-iid" : $"synthetic({options.Alpha},{options.Beta})", options.Features, options.Classes,
            [], [], [.. testX], [.. testY])
        {
            ClientRows = devices,
        };
    }

    /// <summary>Devices generated one at a time from their own streams: (seed, "dataset.synthetic.device", k).</summary>
    private sealed class OnDemandDevices(SyntheticOptions options, DatasetRequest request) : IClientRowSource
    {
        private readonly (double[][] W, double[] B) _global = GlobalModel(options, request.Seed);
        private readonly double[] _sigma = Enumerable.Range(0, options.Features).Select(j => Math.Sqrt(Math.Pow(j + 1, -1.2))).ToArray();

        public int Clients => options.Devices;

        public int SampleCount(int client)
        {
            var total = Total(Stream(client));
            return total - (int)Math.Round(total * request.TestFraction);
        }

        public (float[] Features, int[] Labels) Load(int client) => Generate(client, heldOut: false);

        public (float[] Features, int[] Labels) Generate(int k, bool heldOut)
        {
            var random = Stream(k);
            var samples = Total(random); // the first draw, as SampleCount reads it
            var u = random.NextGaussian(0, options.Alpha);
            var bk = random.NextGaussian(0, options.Beta);
            var (w, b) = options.Iid ? _global : (Matrix(random, options.Features, options.Classes, u), Matrix(random, 1, options.Classes, u)[0]);
            var v = Enumerable.Range(0, options.Features).Select(_ => options.Iid ? 0.0 : random.NextGaussian(bk, 1)).ToArray();
            var testCount = (int)Math.Round(samples * request.TestFraction);
            var (first, count) = heldOut ? (samples - testCount, testCount) : (0, samples - testCount);
            var features = new float[count * options.Features];
            var labels = new int[count];
            var x = new float[options.Features];
            for (var i = 0; i < first + count; i++)
            {
                for (var j = 0; j < x.Length; j++)
                {
                    x[j] = (float)random.NextGaussian(v[j], _sigma[j]);
                }

                if (i >= first)
                {
                    x.CopyTo(features, (i - first) * options.Features);
                    labels[i - first] = Argmax(x, w, b);
                }
            }

            return (features, labels);
        }

        private Random Stream(int k) => RandomStreams.Create(request.Seed, "dataset.synthetic.device", k);

        private static int Total(Random random) => (int)Math.Floor(Math.Exp(random.NextGaussian(4, 2))) + 50;

        private static (double[][] W, double[] B) GlobalModel(SyntheticOptions options, int seed)
        {
            var random = RandomStreams.Create(seed, "dataset.synthetic.global");
            return (Matrix(random, options.Features, options.Classes, 0), Matrix(random, 1, options.Classes, 0)[0]);
        }
    }

    private static double[][] Matrix(Random random, int rows, int columns, double mean) =>
        Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, columns).Select(_ => random.NextGaussian(mean, 1)).ToArray()).ToArray();

    private static int Argmax(float[] x, double[][] w, double[] b)
    {
        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var k = 0; k < b.Length; k++)
        {
            var score = b[k];
            for (var j = 0; j < x.Length; j++)
            {
                score += x[j] * w[j][k];
            }

            if (score > bestScore)
            {
                (best, bestScore) = (k, score);
            }
        }

        return best;
    }
}
