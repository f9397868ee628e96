namespace ActorLab.Contracts.State;

/// <summary>
/// The state of an <see cref="IStatefulComponent"/>: named float and double arrays and named numbers, stored
/// bit for bit. A name that is absent means "not initialised yet" (e.g. momentum before the first round).
/// Added in ActorLab.Contracts 1.2.
/// </summary>
public sealed record ComponentState
{
    /// <summary>No state (a component whose fields are per-round scratch).</summary>
    public static ComponentState Empty { get; } = new();

    /// <summary>Named float arrays (e.g. a control variate).</summary>
    public IReadOnlyDictionary<string, float[]> Floats { get; init; } = new Dictionary<string, float[]>();

    /// <summary>Named double arrays (e.g. momentum kept in double precision).</summary>
    public IReadOnlyDictionary<string, double[]> Doubles { get; init; } = new Dictionary<string, double[]>();

    /// <summary>Named numbers (a counter, a step size).</summary>
    public IReadOnlyDictionary<string, double> Numbers { get; init; } = new Dictionary<string, double>();

    /// <summary>The float array <paramref name="name"/> (copied), or null when absent.</summary>
    public float[]? Float(string name) => Floats.TryGetValue(name, out var values) ? (float[])values.Clone() : null;

    /// <summary>The double array <paramref name="name"/> (copied), or null when absent.</summary>
    public double[]? Double(string name) => Doubles.TryGetValue(name, out var values) ? (double[])values.Clone() : null;

    /// <summary>The number <paramref name="name"/>, or null when absent.</summary>
    public double? Number(string name) => Numbers.TryGetValue(name, out var value) ? value : null;

    /// <summary>A state of the given arrays; null arrays are left out (not initialised), the others are copied.</summary>
    public static ComponentState Of(IEnumerable<(string Name, float[]? Values)>? floats = null, IEnumerable<(string Name, double[]? Values)>? doubles = null) => new()
    {
        Floats = (floats ?? []).Where(f => f.Values is not null).ToDictionary(f => f.Name, f => (float[])f.Values!.Clone()),
        Doubles = (doubles ?? []).Where(d => d.Values is not null).ToDictionary(d => d.Name, d => (double[])d.Values!.Clone()),
    };

    /// <summary>True when both hold the same names with bit-identical values.</summary>
    public bool BitEquals(ComponentState other) =>
        SameKeys(Floats, other.Floats) && Floats.All(f => f.Value.AsSpan().SequenceEqual(other.Floats[f.Key]))
        && SameKeys(Doubles, other.Doubles) && Doubles.All(d => MemoryExtensions.SequenceEqual(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(d.Value.AsSpan()), System.Runtime.InteropServices.MemoryMarshal.AsBytes(other.Doubles[d.Key].AsSpan())))
        && SameKeys(Numbers, other.Numbers) && Numbers.All(n => BitConverter.DoubleToInt64Bits(n.Value) == BitConverter.DoubleToInt64Bits(other.Numbers[n.Key]));

    private static bool SameKeys<T>(IReadOnlyDictionary<string, T> a, IReadOnlyDictionary<string, T> b) =>
        a.Count == b.Count && a.Keys.All(b.ContainsKey);
}
