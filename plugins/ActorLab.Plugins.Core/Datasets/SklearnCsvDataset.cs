using System.Globalization;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Core.Datasets;

/// <summary>
/// The small tabular data sets scikit-learn ships as CSV (wine, breast cancer): a header line
/// <c>rows,features,class names...</c>, then one row per line with the features and the integer class last.
/// A seeded, stratified share is held out for testing, and every feature is standardised with the mean and
/// standard deviation of the training rows (so no test information leaks into training).
/// </summary>
public sealed class SklearnCsvDataset(string name, string path) : IDatasetSource
{
    /// <inheritdoc />
    public Dataset Load(DatasetRequest request)
    {
        if (!File.Exists(path))
        {
            throw new DatasetUnavailableException(
                $"{name}: {path} not found; it ships with the repository under data/ (set the core plugin's config.dataDirectory in plugins.json if you moved it)");
        }

        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        var features = int.Parse(header[1], CultureInfo.InvariantCulture);
        var classes = header.Length - 2;
        var rows = new List<(float[] X, int Y)>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split(',');
            if (cells.Length != features + 1)
            {
                throw new DatasetUnavailableException($"{name}: {path} line {i + 1}: expected {features + 1} values, got {cells.Length}");
            }

            rows.Add((cells[..features].Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
                int.Parse(cells[features], CultureInfo.InvariantCulture)));
        }

        var split = StratifiedSplit.Split(name, features, classes, rows, request, RandomStreams.Create(request.Seed, $"dataset.{name}.split"));
        Standardise(split.TrainFeatures, split.TestFeatures, features);
        return split;
    }

    private static void Standardise(float[] train, float[] test, int features)
    {
        var rows = train.Length / features;
        for (var j = 0; j < features; j++)
        {
            double sum = 0, squares = 0;
            for (var r = 0; r < rows; r++)
            {
                sum += train[r * features + j];
            }

            var mean = sum / rows;
            for (var r = 0; r < rows; r++)
            {
                var d = train[r * features + j] - mean;
                squares += d * d;
            }

            var std = Math.Sqrt(squares / rows);
            var scale = std > 0 ? 1 / std : 1;
            foreach (var data in new[] { train, test })
            {
                for (var r = 0; r < data.Length / features; r++)
                {
                    data[r * features + j] = (float)((data[r * features + j] - mean) * scale);
                }
            }
        }
    }
}
