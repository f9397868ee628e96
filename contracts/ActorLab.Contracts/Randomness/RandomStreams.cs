using System.Text;

namespace ActorLab.Contracts.Randomness;

/// <summary>
/// Derives independent, reproducible random streams from (run seed, component, entity id, round), so that
/// results never depend on which actor ran first or on which thread. Uses FNV-1a over the component name
/// and SplitMix64 mixing: stable across processes, platforms and .NET versions (unlike string.GetHashCode).
/// </summary>
public static class RandomStreams
{
    /// <summary>A 64-bit seed for the stream (seed, component, entity, round).</summary>
    public static ulong DeriveSeed(int seed, string component, long entity = 0, long round = 0)
    {
        var h = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(component))
        {
            h = (h ^ b) * 1099511628211UL;
        }

        var x = SplitMix((ulong)(uint)seed);
        x = SplitMix(x ^ h);
        x = SplitMix(x ^ (ulong)entity);
        return SplitMix(x ^ (ulong)round);
    }

    /// <summary>A 31-bit seed, for APIs that take an int (System.Random).</summary>
    public static int DeriveInt32(int seed, string component, long entity = 0, long round = 0)
        => (int)(DeriveSeed(seed, component, entity, round) & 0x7FFF_FFFF);

    /// <summary>
    /// A System.Random for the stream. Seeded System.Random uses the same algorithm on every .NET version,
    /// which keeps old results reproducible.
    /// </summary>
    public static Random Create(int seed, string component, long entity = 0, long round = 0)
        => new(DeriveInt32(seed, component, entity, round));

    private static ulong SplitMix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
