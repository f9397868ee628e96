namespace ActorLab.Host.Federated;

/// <summary>Client-level differential privacy (see <see cref="Federated.Privacy.ClientLevelPrivacy"/>).</summary>
/// <param name="NoiseMultiplier">z: noise standard deviation / clipping norm.</param>
/// <param name="ClipNorm">C, or the starting C with adaptive clipping.</param>
/// <param name="Clipping">fixed or adaptive.</param>
/// <param name="Delta">The delta epsilon is reported at.</param>
/// <param name="TargetQuantile">Adaptive clipping's target share of unclipped clients.</param>
/// <param name="ClipLearningRate">Adaptive clipping's step eta.</param>
public sealed record PrivacySettings(double NoiseMultiplier, double ClipNorm = 1.0, string Clipping = "fixed", double Delta = 1e-5,
    double TargetQuantile = 0.5, double ClipLearningRate = 0.2);
