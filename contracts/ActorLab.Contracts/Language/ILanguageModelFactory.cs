namespace ActorLab.Contracts.Language;

/// <summary>What a language model is built for: the task's vocabulary and the longest prompt plus response.</summary>
/// <param name="Vocabulary">Token ids are in [0, Vocabulary).</param>
/// <param name="Context">Positions it must see.</param>
public sealed record LanguageModelShape(int Vocabulary, int Context);

/// <summary>
/// Builds a causal language model. As with <see cref="Models.IModelFactory"/>, the host seeds torch's generator
/// before building, so the structure must be deterministic and the parameter order fixed.
/// </summary>
public interface ILanguageModelFactory
{
    /// <summary>A fresh model for <paramref name="shape"/>.</summary>
    CausalLanguageModel Create(LanguageModelShape shape);
}
