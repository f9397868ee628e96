namespace ActorLab.Plugins.Bandits.Policies;

/// <summary>Pull counts and reward sums per arm, the state most index policies share.</summary>
internal sealed class ArmStatistics
{
    public long[] Pulls { get; private set; } = [];

    public double[] Sums { get; private set; } = [];

    public long Total { get; private set; }

    public void Reset(int arms)
    {
        Pulls = new long[arms];
        Sums = new double[arms];
        Total = 0;
    }

    public void Add(int arm, double reward)
    {
        Pulls[arm]++;
        Sums[arm] += reward;
        Total++;
    }

    public double Mean(int arm) => Pulls[arm] == 0 ? 0 : Sums[arm] / Pulls[arm];

    /// <summary>The first arm never pulled, or -1 (index policies play every arm once first).</summary>
    public int Unpulled() => Array.IndexOf(Pulls, 0L);

    /// <summary>The arm with the largest value, lowest index on ties.</summary>
    public static int Argmax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var a = 1; a < values.Length; a++)
        {
            if (values[a] > values[best])
            {
                best = a;
            }
        }

        return best;
    }
}
