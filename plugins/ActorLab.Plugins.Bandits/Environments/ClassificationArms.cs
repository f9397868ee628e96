using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Environments;

/// <summary>Options of <see cref="ClassificationArms"/>.</summary>
public sealed record ClassificationArmsOptions
{
    /// <summary>
    /// How features become contexts: unit-norm (each row scaled to Euclidean norm 1, the preprocessing of the
    /// neural-bandit papers), standardize (each feature to mean 0, variance 1 over the data set), or none.
    /// </summary>
    [AllowedValues("unit-norm", "standardize", "none")]
    public string Scaling { get; init; } = "unit-norm";
}

/// <summary>
/// The supervised-to-bandit reduction (as in Zhou, Li &amp; Gu, "Neural Contextual Bandits with UCB-based
/// Exploration", ICML 2020, and Deb et al., ICLR 2024): each step draws a row of a multiclass data set uniformly at
/// random (train and test rows pooled), its features are the context, the K arms are the classes, and the reward is
/// 1 if the arm is the row's label, else 0. The best arm always pays 1, so pseudo-regret counts mistakes. The row of a
/// step is a pure function of (seed, repetition, step), so every policy of a repetition sees the same stream.
/// </summary>
public sealed class ClassificationArms(ClassificationArmsOptions options) : IDatasetBanditEnvironment
{
    private Dataset? _data;
    private float[] _scale = [];
    private float[] _center = [];
    private float[] _spread = [];
    private ulong _key;

    /// <inheritdoc />
    public int Arms => Data.Classes;

    /// <inheritdoc />
    public int ContextDimension => Data.Features;

    private Dataset Data => _data ?? throw new InvalidOperationException(
        "the classification environment needs a data set: add \"dataset\": \"digits\" (or another classification data set) to the scenario");

    /// <inheritdoc />
    public void UseDataset(Dataset dataset)
    {
        if (dataset.TrainResponses is not null || dataset.ClientRows is not null || dataset.Classes < 2)
        {
            throw new ArgumentException($"the classification environment needs a classification data set held in memory; '{dataset.Name}' is not one");
        }

        if (options.Scaling is not ("unit-norm" or "standardize" or "none"))
        {
            throw new ArgumentException($"classification: scaling must be unit-norm, standardize or none, got '{options.Scaling}'");
        }

        _data = dataset;
        var rows = dataset.TrainCount + dataset.TestCount;
        var d = dataset.Features;
        _scale = new float[rows];
        _center = new float[d];
        _spread = Enumerable.Repeat(1f, d).ToArray();
        var sums = new double[d];
        var squares = new double[d];
        for (var row = 0; row < rows; row++)
        {
            var features = Features(row);
            double norm = 0;
            for (var j = 0; j < d; j++)
            {
                norm += features[j] * (double)features[j];
                sums[j] += features[j];
                squares[j] += features[j] * (double)features[j];
            }

            _scale[row] = options.Scaling == "unit-norm" && norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 1f;
        }

        if (options.Scaling == "standardize")
        {
            for (var j = 0; j < d; j++)
            {
                var mean = sums[j] / rows;
                var sd = Math.Sqrt(Math.Max(0, squares[j] / rows - mean * mean));
                _center[j] = (float)mean;
                _spread[j] = sd > 1e-8 ? (float)(1 / sd) : 0f; // a constant feature carries nothing: 0
            }
        }
    }

    /// <inheritdoc />
    public void Reset(BanditSetup setup) => _key = RandomStreams.DeriveSeed(setup.Seed, "bandit.classification.rows", setup.Repetition);

    /// <inheritdoc />
    public void Context(long step, Span<float> context)
    {
        var row = Row(step);
        var scale = _scale[row];
        var features = Features(row);
        for (var j = 0; j < features.Length; j++)
        {
            context[j] = (features[j] - _center[j]) * _spread[j] * scale;
        }
    }

    /// <inheritdoc />
    public double Reward(long step, int arm) => Label(Row(step)) == arm ? 1 : 0;

    /// <inheritdoc />
    public double ExpectedReward(long step, int arm) => Reward(step, arm);

    /// <inheritdoc />
    public double BestExpectedReward(long step) => 1;

    /// <summary>The label of the row drawn at <paramref name="step"/>.</summary>
    public int LabelAt(long step) => Label(Row(step));

    private int Row(long step) => (int)(CounterRandom.Uniform(_key, step) * _scale.Length);

    private int Label(int row) => row < Data.TrainCount ? Data.TrainLabels[row] : Data.TestLabels[row - Data.TrainCount];

    private ReadOnlySpan<float> Features(int row)
    {
        var d = Data.Features;
        return row < Data.TrainCount
            ? Data.TrainFeatures.AsSpan(row * d, d)
            : Data.TestFeatures.AsSpan((row - Data.TrainCount) * d, d);
    }
}
