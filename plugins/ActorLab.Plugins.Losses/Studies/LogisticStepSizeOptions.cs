namespace ActorLab.Plugins.Losses.Studies;

/// <summary>Options of <see cref="LogisticStepSize"/>.</summary>
public sealed record LogisticStepSizeOptions
{
    /// <summary>The step sizes gamma to sweep (positive).</summary>
    public double[] StepSizes { get; init; } = [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1e3, 3e3, 1e4, 1e5, 1e6];

    /// <summary>N, points per data set.</summary>
    public int Samples { get; init; } = 200;

    /// <summary>d, the dimension.</summary>
    public int Features { get; init; } = 50;

    /// <summary>Smallest distance of a point to the separating hyperplane (points are N(0, I_d) before rejection).</summary>
    public double Margin { get; init; } = 0.05;

    /// <summary>Independent data sets; the summary table gives medians over them.</summary>
    public int Datasets { get; init; } = 5;

    /// <summary>Cap on the steps of one run; a run that does not separate the points within it counts as NaN.</summary>
    public int MaxIterations { get; init; } = 200_000;
}
