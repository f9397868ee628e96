namespace ActorLab.Host.Federated;

/// <summary>Learning from aggregate responses: bag size and optional Laplace privacy of the bag responses.</summary>
/// <param name="Size">Rows per bag.</param>
/// <param name="Epsilon">Privacy of the bag responses, or null for exact means.</param>
/// <param name="ResponseBound">Responses are clipped to [-bound, bound] when private.</param>
public sealed record BagSettings(int Size, double? Epsilon = null, double ResponseBound = 10)
{
    /// <summary>The clients' loss when the scenario has bags and names no loss.</summary>
    public const string DefaultLoss = "bag-level";
}
