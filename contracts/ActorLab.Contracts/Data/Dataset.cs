namespace ActorLab.Contracts.Data;

/// <summary>
/// A classification data set held in memory: row-major float features and int labels, split into train and test.
/// Immutable by convention: consumers copy before they modify.
/// </summary>
/// <param name="Name">The dataset's component name.</param>
/// <param name="Features">Length of one feature vector.</param>
/// <param name="Classes">Number of classes; labels are in [0, Classes).</param>
/// <param name="TrainFeatures">Train rows, <c>TrainLabels.Length * Features</c> values.</param>
/// <param name="TrainLabels">Train labels.</param>
/// <param name="TestFeatures">Test rows, <c>TestLabels.Length * Features</c> values.</param>
/// <param name="TestLabels">Test labels.</param>
public sealed record Dataset(
    string Name,
    int Features,
    int Classes,
    float[] TrainFeatures,
    int[] TrainLabels,
    float[] TestFeatures,
    int[] TestLabels)
{
    /// <summary>Number of training rows.</summary>
    public int TrainCount => TrainLabels.Length;

    /// <summary>Number of test rows.</summary>
    public int TestCount => TestLabels.Length;

    /// <summary>
    /// For data sets generated per device (FedProx's Synthetic), each device's training rows; the <c>natural</c>
    /// partitioner hands them out as they are. Null for pooled data sets.
    /// </summary>
    public int[][]? NaturalShards { get; init; }

    /// <summary>
    /// For federations generated per client on demand (see <see cref="IClientRowSource"/>): the train arrays are
    /// then empty and only the test split is held. Null for data sets held in memory.
    /// </summary>
    public IClientRowSource? ClientRows { get; init; }

    /// <summary>
    /// For regression data sets: each training row's real-valued response (labels are then unused and
    /// <see cref="Classes"/> is 1, the model's output width). Null for classification.
    /// </summary>
    public float[]? TrainResponses { get; init; }

    /// <summary>For regression data sets: each test row's response.</summary>
    public float[]? TestResponses { get; init; }
}
