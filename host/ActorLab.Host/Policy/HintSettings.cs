namespace ActorLab.Host.Policy;

/// <summary>
/// A SEELE-style hint schedule (paper 66, "Staying in the Sweet Spot"): each RL prompt is followed by the first h
/// characters of its reference answer, and h is adapted per problem to the group's measured success rate, so that the
/// problem stays near <see cref="TargetSuccess"/>, where learning is fastest. The host's rule is a step controller
/// (SEELE fits an item-response model over rounds instead): after a group, h grows by one when its success rate is
/// below <c>target - tolerance</c> and shrinks by one when it is above <c>target + tolerance</c>, within [0, |answer|].
/// </summary>
public sealed record HintSettings
{
    /// <summary>The success rate each problem's hint length aims at.</summary>
    public double TargetSuccess { get; init; } = 0.5;

    /// <summary>How far from the target the success rate may be before the hint changes.</summary>
    public double Tolerance { get; init; } = 0.2;

    /// <summary>A problem's hint length when it is first drawn.</summary>
    public int InitialLength { get; init; } = 1;
}
