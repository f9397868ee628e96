using System.Globalization;
using System.Text;

namespace ActorLab.Host.Results;

/// <summary>
/// How the training rows were split: per client, the row count and the label histogram. Written to the run
/// folder as partition.csv (the table) and partition.png (the picture), and summarised in summary.json.
/// </summary>
public sealed record PartitionReport(int Clients, int Classes, int[][] Histogram)
{
    /// <summary>Counts the labels of each client's rows.</summary>
    public static PartitionReport Of(int[][] shards, int[] labels, int classes)
    {
        var histogram = shards.Select(rows =>
        {
            var counts = new int[classes];
            foreach (var row in rows)
            {
                counts[labels[row]]++;
            }

            return counts;
        }).ToArray();
        return new PartitionReport(shards.Length, classes, histogram);
    }

    /// <summary>Rows per client.</summary>
    public int[] Sizes => Histogram.Select(h => h.Sum()).ToArray();

    /// <summary>Mean number of distinct labels a client holds (1 = fully skewed, classes = every label).</summary>
    public double MeanLabelsPerClient => Histogram.Average(h => h.Count(c => c > 0));

    /// <summary>The table: <c>client,samples,label_0,...,label_{C-1}</c>.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        csv.Append("client,samples");
        for (var label = 0; label < Classes; label++)
        {
            csv.Append(CultureInfo.InvariantCulture, $",label_{label}");
        }

        csv.Append('\n');
        for (var c = 0; c < Clients; c++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c},{Histogram[c].Sum()}");
            foreach (var count in Histogram[c])
            {
                csv.Append(CultureInfo.InvariantCulture, $",{count}");
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }
}
