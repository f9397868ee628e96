using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Games;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;

namespace ActorLab.Contracts.Plugins;

/// <summary>Typed shorthands, so a plugin's entry point reads as a list of its components.</summary>
public static class ComponentRegistryExtensions
{
    /// <summary>Registers a loss with a parameterless constructor.</summary>
    public static IComponentRegistry AddLoss<T>(this IComponentRegistry registry, string name, string? description = null)
        where T : class, ILoss, new() => registry.With<ILoss>(name, _ => new T(), description);

    /// <summary>Registers a loss built from its options.</summary>
    public static IComponentRegistry AddLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, ILoss> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a loss for learning from aggregate responses (bags), built from its options.</summary>
    public static IComponentRegistry AddBagLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, IBagLoss> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a bandit policy built from its options (a new instance per learner).</summary>
    public static IComponentRegistry AddBanditPolicy(this IComponentRegistry registry, string name, Func<ComponentOptions, IBanditPolicy> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a bandit environment built from its options.</summary>
    public static IComponentRegistry AddBanditEnvironment(this IComponentRegistry registry, string name, Func<ComponentOptions, IBanditEnvironment> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a repeated normal-form game built from its options.</summary>
    public static IComponentRegistry AddGame(this IComponentRegistry registry, string name, Func<ComponentOptions, INormalFormGame> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a loss sequence for online learning built from its options.</summary>
    public static IComponentRegistry AddLossSequence(this IComponentRegistry registry, string name, Func<ComponentOptions, ILossSequence> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a game agent (player or online learner) built from its options.</summary>
    public static IComponentRegistry AddGameAgent(this IComponentRegistry registry, string name, Func<ComponentOptions, IGameAgent> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers the trainer of a game agent (used by <c>actorlab train-agent</c>) built from its options.</summary>
    public static IComponentRegistry AddAgentTrainer(this IComponentRegistry registry, string name, Func<ComponentOptions, IAgentTrainer> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a loss computed from embeddings and classifier weights built from its options.</summary>
    public static IComponentRegistry AddEmbeddingLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, IEmbeddingLoss> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a distillation loss built from its options.</summary>
    public static IComponentRegistry AddDistillationLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, IDistillationLoss> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a preference-optimisation loss built from its options.</summary>
    public static IComponentRegistry AddPreferenceLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, IPreferenceLoss> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers an unlearning loss built from its options.</summary>
    public static IComponentRegistry AddUnlearningLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, IUnlearningLoss> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a group-relative policy-optimisation loss built from its options.</summary>
    public static IComponentRegistry AddGroupPolicyLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, IGroupPolicyLoss> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a model factory built from its options.</summary>
    public static IComponentRegistry AddModel(this IComponentRegistry registry, string name, Func<ComponentOptions, IModelFactory> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers an optimizer factory built from its options.</summary>
    public static IComponentRegistry AddOptimizer(this IComponentRegistry registry, string name, Func<ComponentOptions, IOptimizerFactory> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a federated aggregation strategy built from its options.</summary>
    public static IComponentRegistry AddStrategy(this IComponentRegistry registry, string name, Func<ComponentOptions, IAggregationStrategy> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a partitioner built from its options.</summary>
    public static IComponentRegistry AddPartitioner(this IComponentRegistry registry, string name, Func<ComponentOptions, IPartitioner> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a dataset source built from its options.</summary>
    public static IComponentRegistry AddDataset(this IComponentRegistry registry, string name, Func<ComponentOptions, IDatasetSource> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers an experiment (a numerical study run by the "experiment" kind) built from its options.</summary>
    public static IComponentRegistry AddExperiment(this IComponentRegistry registry, string name, Func<ComponentOptions, IExperiment> factory, string? description = null)
        => registry.With(name, factory, description);

    /// <summary>Registers a token-level policy-optimisation loss (full next-token distributions) built from its options.</summary>
    public static IComponentRegistry AddTokenPolicyLoss(this IComponentRegistry registry, string name, Func<ComponentOptions, ITokenPolicyLoss> factory, string? description = null)
        => registry.With(name, factory, description);

    private static IComponentRegistry With<T>(this IComponentRegistry registry, string name, Func<ComponentOptions, T> factory, string? description)
        where T : class
    {
        registry.Add(name, factory, description);
        return registry;
    }
}
