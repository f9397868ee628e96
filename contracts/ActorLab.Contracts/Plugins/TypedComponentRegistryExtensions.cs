using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Games;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;

namespace ActorLab.Contracts.Plugins;

/// <summary>
/// Typed shorthands for components that declare their options record, e.g.
/// <c>registry.AddLoss&lt;ZLossOptions&gt;("z-loss", o =&gt; new ZLoss(o), "...")</c>: the host validates the scenario's
/// options against the record's types, <c>[Range]</c> and <c>[AllowedValues]</c> and describes them.
/// </summary>
public static class TypedComponentRegistryExtensions
{
    /// <summary>Registers a loss built from its declared options record.</summary>
    public static IComponentRegistry AddLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, ILoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a loss for learning from aggregate responses (bags), built from its declared options record.</summary>
    public static IComponentRegistry AddBagLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IBagLoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a bandit policy built from its declared options record (a new instance per learner).</summary>
    public static IComponentRegistry AddBanditPolicy<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IBanditPolicy> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a bandit environment built from its declared options record.</summary>
    public static IComponentRegistry AddBanditEnvironment<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IBanditEnvironment> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a repeated normal-form game built from its declared options record.</summary>
    public static IComponentRegistry AddGame<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, INormalFormGame> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a loss sequence for online learning built from its declared options record.</summary>
    public static IComponentRegistry AddLossSequence<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, ILossSequence> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a game agent (player or online learner) built from its declared options record.</summary>
    public static IComponentRegistry AddGameAgent<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IGameAgent> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a loss computed from embeddings and classifier weights built from its declared options record.</summary>
    public static IComponentRegistry AddEmbeddingLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IEmbeddingLoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a distillation loss built from its declared options record.</summary>
    public static IComponentRegistry AddDistillationLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IDistillationLoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a preference-optimisation loss built from its declared options record.</summary>
    public static IComponentRegistry AddPreferenceLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IPreferenceLoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers an unlearning loss built from its declared options record.</summary>
    public static IComponentRegistry AddUnlearningLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IUnlearningLoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a group-relative policy-optimisation loss built from its declared options record.</summary>
    public static IComponentRegistry AddGroupPolicyLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IGroupPolicyLoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a model factory built from its declared options record.</summary>
    public static IComponentRegistry AddModel<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IModelFactory> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers an optimizer factory built from its declared options record.</summary>
    public static IComponentRegistry AddOptimizer<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IOptimizerFactory> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a federated aggregation strategy built from its declared options record.</summary>
    public static IComponentRegistry AddStrategy<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IAggregationStrategy> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a partitioner built from its declared options record.</summary>
    public static IComponentRegistry AddPartitioner<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IPartitioner> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a dataset source built from its declared options record.</summary>
    public static IComponentRegistry AddDataset<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IDatasetSource> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers an experiment (a numerical study run by the "experiment" kind) built from its declared options record.</summary>
    public static IComponentRegistry AddExperiment<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IExperiment> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a token-level policy-optimisation loss (full next-token distributions) built from its declared options record.</summary>
    public static IComponentRegistry AddTokenPolicyLoss<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, ITokenPolicyLoss> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a causal language model factory (the policy kind's model) built from its declared options record.</summary>
    public static IComponentRegistry AddLanguageModel<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, Language.ILanguageModelFactory> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers a task with a verifier (the policy kind's prompts and rewards) built from its declared options record.</summary>
    public static IComponentRegistry AddVerifiableTask<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, Language.IVerifiableTask> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    /// <summary>Registers the trainer of a game agent (used by <c>actorlab train-agent</c>) built from its declared options record.</summary>
    public static IComponentRegistry AddAgentTrainer<TOptions>(this IComponentRegistry registry, string name, Func<TOptions, IAgentTrainer> factory, string? description = null)
        where TOptions : class, new() => registry.WithOptions(name, factory, description);

    private static IComponentRegistry WithOptions<TContract, TOptions>(this IComponentRegistry registry, string name, Func<TOptions, TContract> factory, string? description)
        where TContract : class
        where TOptions : class, new()
    {
        registry.Add<TContract, TOptions>(name, factory, description);
        return registry;
    }
}
