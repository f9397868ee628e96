namespace ActorLab.Contracts.Randomness;

/// <summary>
/// Counter-based random numbers: a value is a pure function of (key, counter, lane), so any actor can compute
/// "the reward of arm 3 at step 1,000,000 of repetition 7" without sharing a generator or replaying a stream.
/// Mixing is SplitMix64 (Steele, Lea &amp; Flood 2014), which passes BigCrush as a counter-based generator.
/// </summary>
public static class CounterRandom
{
    /// <summary>A uniform double in [0, 1) for (key, counter, lane).</summary>
    public static double Uniform(ulong key, long counter, int lane = 0)
    {
        var z = key ^ (0x9E3779B97F4A7C15UL * (ulong)(counter + 1)) ^ (0xD1B54A32D192ED03UL * (ulong)(uint)(lane + 1));
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal for (key, counter, lane), by Box-Muller on two derived uniforms.</summary>
    public static double Gaussian(ulong key, long counter, int lane = 0)
    {
        var u1 = 1.0 - Uniform(key, counter, 2 * lane);
        var u2 = Uniform(key, counter, 2 * lane + 1);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
