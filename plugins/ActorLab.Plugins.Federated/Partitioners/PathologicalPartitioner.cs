using ActorLab.Contracts.Data;

namespace ActorLab.Plugins.Federated.Partitioners;

/// <summary>Options of <see cref="PathologicalPartitioner"/>.</summary>
public sealed record PathologicalOptions
{
    /// <summary>Distinct classes each client holds.</summary>
    public int ClassesPerClient { get; init; } = 2;
}

/// <summary>
/// Pathological non-IID split: every client holds exactly k classes. Client i's first class is i mod C (so
/// every class is used when clients &gt;= C), the other k - 1 are drawn at random from the rest; then each
/// class's rows, shuffled, are dealt evenly among the clients holding it (as Flower's PathologicalPartitioner
/// in "first-deterministic" mode).
/// </summary>
public sealed class PathologicalPartitioner(PathologicalOptions options) : IPartitioner
{
    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, Random random)
    {
        var k = options.ClassesPerClient;
        if (k < 1 || k > classes)
        {
            throw new PartitionException($"pathological: classesPerClient must be between 1 and the {classes} classes, got {k}");
        }

        var holders = new List<int>[classes];
        for (var c = 0; c < classes; c++)
        {
            holders[c] = [];
        }

        for (var client = 0; client < clients; client++)
        {
            var first = client % classes;
            var others = Enumerable.Range(0, classes).Where(c => c != first).ToArray();
            random.Shuffle(others);
            foreach (var c in others.Take(k - 1).Prepend(first))
            {
                holders[c].Add(client);
            }
        }

        var shards = Enumerable.Range(0, clients).Select(_ => new List<int>()).ToArray();
        var byClass = Enumerable.Range(0, classes).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            byClass[labels[i]].Add(i);
        }

        for (var c = 0; c < classes; c++)
        {
            var rows = byClass[c].ToArray();
            random.Shuffle(rows);
            for (var r = 0; r < rows.Length && holders[c].Count > 0; r++)
            {
                shards[holders[c][r % holders[c].Count]].Add(rows[r]);
            }
        }

        return Finish(shards, "pathological");
    }

    internal static int[][] Finish(List<int>[] shards, string name)
    {
        var empty = Array.FindIndex(shards, s => s.Count == 0);
        if (empty >= 0)
        {
            throw new PartitionException($"{name}: client {empty} received no rows; use fewer clients or another split");
        }

        return shards.Select(s =>
        {
            var rows = s.ToArray();
            Array.Sort(rows);
            return rows;
        }).ToArray();
    }
}
