using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Data;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;

namespace ActorLab.Host.Plugins;

/// <summary>Human names of the component contracts, as used in scenario fields and listings.</summary>
public static class ComponentKinds
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(ILoss)] = "loss",
        [typeof(IBagLoss)] = "bag loss",
        [typeof(IDistillationLoss)] = "distillation loss",
        [typeof(IEmbeddingLoss)] = "embedding loss",
        [typeof(IPreferenceLoss)] = "preference loss",
        [typeof(IUnlearningLoss)] = "unlearning loss",
        [typeof(IGroupPolicyLoss)] = "group policy loss",
        [typeof(ITokenPolicyLoss)] = "token policy loss",
        [typeof(IModelFactory)] = "model",
        [typeof(IOptimizerFactory)] = "optimizer",
        [typeof(IAggregationStrategy)] = "strategy",
        [typeof(IPartitioner)] = "partitioner",
        [typeof(IDatasetSource)] = "dataset",
        [typeof(IBanditPolicy)] = "bandit policy",
        [typeof(IBanditEnvironment)] = "bandit environment",
        [typeof(ActorLab.Contracts.Games.INormalFormGame)] = "game",
        [typeof(ActorLab.Contracts.Games.ILossSequence)] = "loss sequence",
        [typeof(ActorLab.Contracts.Games.IGameAgent)] = "game agent",
        [typeof(ActorLab.Contracts.Games.IAgentTrainer)] = "agent trainer",
        [typeof(ActorLab.Contracts.Experiments.IExperiment)] = "experiment",
        [typeof(ActorLab.Contracts.Language.ILanguageModelFactory)] = "language model",
        [typeof(ActorLab.Contracts.Language.IVerifiableTask)] = "verifiable task",
    };

    /// <summary>The kind name of <paramref name="contract"/> (its type name for contracts not listed here).</summary>
    public static string Of(Type contract) => Names.TryGetValue(contract, out var name) ? name : contract.Name;
}
