using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Language.Models;
using ActorLab.Plugins.Language.Tasks;

namespace ActorLab.Plugins.Language;

/// <summary>Entry point of the policy kind's components: the small language model and the tasks with verifiers.</summary>
public sealed class LanguagePlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
        .AddLanguageModel<TinyLmOptions>("tiny-lm", o => new TinyLmFactory(o), "Small GPT-style causal transformer with KV cache, optional QK-layernorm")
        .AddVerifiableTask<AdditionOptions>("addition", o => new AdditionTask(o), "Multi-digit addition a+b=, reward 1 for the exact sum")
        .AddVerifiableTask<CountdownOptions>("countdown", o => new CountdownTask(o), "TinyZero's countdown: reach the target using each number once; reward 1 / 0.1 format / 0")
        .AddVerifiableTask<DigitSortOptions>("digit-sort", o => new DigitSortTask(o), "Sort a string of digits; graded reward (share of correct positions)");
}
