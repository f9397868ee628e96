namespace ActorLab.Host.Games;

/// <summary>The regression check's outcome: slope of log regret on log t, its 95 % upper bound, and the verdict.</summary>
public sealed record SublinearityVerdict(double Slope, double SlopeUpper, bool Sublinear, int Points);
