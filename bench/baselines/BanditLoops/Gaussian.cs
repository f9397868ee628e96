namespace BanditLoops;

/// <summary>Standard normal draws from a <see cref="Random"/> by Box-Muller, keeping the second value of each pair.</summary>
internal sealed class Gaussian(Random random)
{
    private double _spare;
    private bool _hasSpare;

    public Random Random { get; } = random;

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        var r = Math.Sqrt(-2.0 * Math.Log(1.0 - Random.NextDouble()));
        var angle = 2.0 * Math.PI * Random.NextDouble();
        _spare = r * Math.Sin(angle);
        _hasSpare = true;
        return r * Math.Cos(angle);
    }
}
