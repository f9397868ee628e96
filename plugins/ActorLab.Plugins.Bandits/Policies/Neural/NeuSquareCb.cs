namespace ActorLab.Plugins.Bandits.Policies.Neural;

/// <summary>
/// NeuSquareCB (Deb et al., "Contextual Bandits with Online Neural Regression", ICLR 2024): SquareCB's inverse gap
/// weighting, p_a = 1 / (K + gamma_t (yhat_best - yhat_a)), over a network's perturbed predictions trained online on
/// the squared loss (yhat_a - r)^2 / 2. Regret O~(sqrt(KT)).
/// </summary>
public sealed class NeuSquareCb(NeuralCbOptions options) : NeuralRegressionCb(options)
{
    /// <inheritdoc />
    protected override bool Logistic => false;

    /// <inheritdoc />
    protected override string StreamName => "neusquarecb";

    /// <inheritdoc />
    protected override void Weigh(ReadOnlySpan<double> predictedRewards, double gamma, Span<double> probabilities) =>
        InverseGapWeighting.SquareCb(predictedRewards, gamma, probabilities);
}
