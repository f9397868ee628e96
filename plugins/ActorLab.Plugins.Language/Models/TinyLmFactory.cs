using ActorLab.Contracts.Language;

namespace ActorLab.Plugins.Language.Models;

/// <summary>Builds <see cref="TinyLanguageModel"/>s with fixed options.</summary>
public sealed class TinyLmFactory(TinyLmOptions options) : ILanguageModelFactory
{
    /// <inheritdoc />
    public CausalLanguageModel Create(LanguageModelShape shape) => new TinyLanguageModel(options, shape);
}
