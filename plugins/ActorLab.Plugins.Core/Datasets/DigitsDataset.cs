using System.Globalization;
using System.IO.Compression;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Core.Datasets;

/// <summary>
/// The UCI optical recognition of handwritten digits data (1,797 8x8 images, 10 classes), as shipped by
/// scikit-learn in <c>digits.csv.gz</c> (64 pixel counts 0..16, then the label, per line). Pixels are
/// scaled to [0, 1]. There is no official test split: a seeded, stratified share of each class is held out.
/// </summary>
public sealed class DigitsDataset(string directory) : IDatasetSource
{
    /// <summary>The file name inside the directory.</summary>
    public const string FileName = "digits.csv.gz";

    private const int Features = 64;

    /// <inheritdoc />
    public Dataset Load(DatasetRequest request)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new DatasetUnavailableException(
                $"digits: {path} not found; it ships with the repository under data/digits/ (set the core plugin's config.dataDirectory in plugins.json if you moved it)");
        }

        var rows = new List<(float[] X, int Y)>();
        using (var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress)))
        {
            var lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (line.Length == 0)
                {
                    continue;
                }

                var cells = line.Split(',');
                if (cells.Length != Features + 1)
                {
                    throw new DatasetUnavailableException($"digits: {path} line {lineNumber}: expected {Features + 1} comma-separated values, got {cells.Length}");
                }

                var x = new float[Features];
                for (var j = 0; j < Features; j++)
                {
                    x[j] = float.Parse(cells[j], CultureInfo.InvariantCulture) / 16f;
                }

                rows.Add((x, (int)double.Parse(cells[Features], CultureInfo.InvariantCulture)));
            }
        }

        return StratifiedSplit.Split("digits", Features, 10, rows, request, RandomStreams.Create(request.Seed, "dataset.digits.split"));
    }
}
