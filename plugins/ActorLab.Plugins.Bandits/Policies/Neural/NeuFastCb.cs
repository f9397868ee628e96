namespace ActorLab.Plugins.Bandits.Policies.Neural;

/// <summary>
/// NeuFastCB (Deb et al., "Contextual Bandits with Online Neural Regression", ICLR 2024): FastCB's first-order
/// weighting, p_a = lhat_b / (K lhat_b + gamma_t (lhat_a - lhat_b)) on predicted losses lhat = 1 - sigmoid(f_a + eps),
/// over a network trained online on the KL (binary cross-entropy) loss. Rewards must lie in [0, 1]. Regret
/// O~(sqrt(K L*) + K), L* the cumulative loss of the best policy, so it shines when the best policy rarely errs.
/// </summary>
public sealed class NeuFastCb(NeuralCbOptions options) : NeuralRegressionCb(options)
{
    /// <inheritdoc />
    protected override bool Logistic => true;

    /// <inheritdoc />
    protected override string StreamName => "neufastcb";

    /// <inheritdoc />
    protected override void Weigh(ReadOnlySpan<double> predictedRewards, double gamma, Span<double> probabilities) =>
        InverseGapWeighting.FastCb(predictedRewards, gamma, probabilities);
}
