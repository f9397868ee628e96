namespace ActorLab.Plugins.Losses.Studies;

/// <summary>Options of <see cref="NaiveBayesVsLogistic"/>.</summary>
public sealed record NaiveBayesVsLogisticOptions
{
    /// <summary>The feature dimensions n to compare.</summary>
    public int[] Dimensions { get; init; } = [2, 4, 8, 16, 32, 64];

    /// <summary>K, the number of Gaussian classes (at least 2).</summary>
    public int Classes { get; init; } = 2;

    /// <summary>Smallest training-set size of the grid (rounded up to a multiple of K, at least 2K).</summary>
    public int MinSamples { get; init; } = 4;

    /// <summary>Largest training-set size of the grid.</summary>
    public int MaxSamples { get; init; } = 4096;

    /// <summary>Ratio between consecutive training-set sizes of the geometric grid (sizes rounded to a multiple of K).</summary>
    public double SampleGrowth { get; init; } = 1.25;

    /// <summary>Independent training samples per dimension; errors are averaged over them.</summary>
    public int Repetitions { get; init; } = 20;

    /// <summary>Standard deviation of the informative features (the class shifts are -1 and 2^(k-1)).</summary>
    public double NoiseStd { get; init; } = 2.5;

    /// <summary>The first floor(n / 2) features get standard deviation noiseStd sqrt(n), as in the paper's simulation.</summary>
    public bool NoisyHalf { get; init; } = true;

    /// <summary>Test rows per dimension (shared by every classifier of that dimension).</summary>
    public int TestSamples { get; init; } = 20_000;

    /// <summary>lambda of logistic regression's penalty (lambda / 2) sum ||w_c||^2 on the summed loss (scikit-learn's C = 1 / lambda).</summary>
    public double L2 { get; init; } = 1;

    /// <summary>Cap on Newton steps per logistic-regression fit.</summary>
    public int MaxNewtonIterations { get; init; } = 50;

    /// <summary>How close to the asymptotic error a method must come (and stay, on the rest of the grid) to count as converged.</summary>
    public double Tolerance { get; init; } = 0.01;
}
