using ActorLab.Contracts.Data;

namespace ActorLab.Plugins.Core.Datasets;

/// <summary>Holds out the same share of every class as test rows, for data sets without an official split.</summary>
internal static class StratifiedSplit
{
    public static Dataset Split(string name, int features, int classes, IReadOnlyList<(float[] X, int Y)> rows, DatasetRequest request, Random random)
    {
        if (request.TestFraction is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"{name}: testFraction must be in (0, 1), got {request.TestFraction}");
        }

        var train = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Y).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var testCount = (int)Math.Round(members.Length * request.TestFraction);
            test.AddRange(members[..testCount]);
            train.AddRange(members[testCount..]);
        }

        train.Sort();
        test.Sort();
        return new Dataset(name, features, classes, Gather(rows, train, features), train.Select(i => rows[i].Y).ToArray(),
            Gather(rows, test, features), test.Select(i => rows[i].Y).ToArray());
    }

    private static float[] Gather(IReadOnlyList<(float[] X, int Y)> rows, List<int> indices, int features)
    {
        var result = new float[indices.Count * features];
        for (var r = 0; r < indices.Count; r++)
        {
            rows[indices[r]].X.CopyTo(result, r * features);
        }

        return result;
    }
}
