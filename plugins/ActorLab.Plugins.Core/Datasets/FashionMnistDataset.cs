using ActorLab.Contracts.Data;

namespace ActorLab.Plugins.Core.Datasets;

/// <summary>
/// Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017): 60,000 train and 10,000 test 28x28 grey images of
/// 10 clothing classes, read from IDX files (plain or gzipped), pixels scaled to [0, 1]. On Debian the
/// package <c>dataset-fashion-mnist</c> installs them under <see cref="DebianDirectory"/>.
/// </summary>
public sealed class FashionMnistDataset(string directory) : IDatasetSource
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <inheritdoc />
    public Dataset Load(DatasetRequest request)
    {
        var (trainX, trainY) = (Find("train-images-idx3-ubyte"), Find("train-labels-idx1-ubyte"));
        var (testX, testY) = (Find("t10k-images-idx3-ubyte"), Find("t10k-labels-idx1-ubyte"));
        var (trainFeatures, features) = Images(trainX);
        var (testFeatures, _) = Images(testX);
        return new Dataset("fashion-mnist", features, 10, trainFeatures, Labels(trainY), testFeatures, Labels(testY));
    }

    private string Find(string stem)
    {
        foreach (var candidate in new[] { stem, stem + ".gz", stem.Replace("-idx", ".idx") , stem.Replace("-idx", ".idx") + ".gz" })
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new DatasetUnavailableException(
            $"fashion-mnist: {stem}[.gz] not found in {directory}; install it with `apt-get install dataset-fashion-mnist` (Debian) or set the core plugin's config.fashionMnistDirectory in plugins.json to a folder holding the four IDX files");
    }

    private static (float[] Features, int PerImage) Images(string path)
    {
        var (dimensions, data) = IdxReader.ReadBytes(path);
        if (dimensions.Length != 3)
        {
            throw new InvalidDataException($"{path}: expected 3 dimensions (images, rows, columns), got {dimensions.Length}");
        }

        var features = new float[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            features[i] = data[i] / 255f;
        }

        return (features, dimensions[1] * dimensions[2]);
    }

    private static int[] Labels(string path)
    {
        var (dimensions, data) = IdxReader.ReadBytes(path);
        if (dimensions.Length != 1)
        {
            throw new InvalidDataException($"{path}: expected 1 dimension (labels), got {dimensions.Length}");
        }

        return data.Select(b => (int)b).ToArray();
    }
}
