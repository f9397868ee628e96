using ActorLab.Contracts.Experiments;
using ActorLab.Host.Bandits;
using ActorLab.Host.Experiments;
using ActorLab.Host.Federated;
using ActorLab.Host.Games;
using ActorLab.Host.Policy;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Repetitions;
using ActorLab.Host.Training;
using Akka.Hosting;

namespace ActorLab.Host.Hosting;

/// <summary>Akka.Hosting wiring of the simulation actors, one extension per actor.</summary>
public static class SimulationActorsHostingExtensions
{
    /// <summary>Adds the dispatcher trainer actors run on, with <paramref name="workers"/> threads.</summary>
    public static AkkaConfigurationBuilder AddSimulationDispatchers(this AkkaConfigurationBuilder builder, int workers) =>
        builder.AddHocon(SimulationDispatchers.Hocon(workers), HoconAddMode.Prepend);

    /// <summary>Adds the supervisor of one bandit run (which creates one environment actor per repetition, each with its learners).</summary>
    public static AkkaConfigurationBuilder AddBanditSupervisorActor(this AkkaConfigurationBuilder builder, BanditPlan plan,
        RepetitionSupervision<EnvironmentActor.CheckpointReached, BanditOutcome> run) =>
        builder.WithActors((system, registry) =>
            registry.Register<BanditSupervisorActor>(system.ActorOf(BanditSupervisorActor.Props(plan, run), "bandit")));

    /// <summary>Adds the supervisor of one game run (which creates one game master per repetition, each with its agents).</summary>
    public static AkkaConfigurationBuilder AddGameSupervisorActor(this AkkaConfigurationBuilder builder, GamePlan plan,
        RepetitionSupervision<GameMasterActor.CheckpointReached, GameOutcome> run) =>
        builder.WithActors((system, registry) =>
            registry.Register<GameSupervisorActor>(system.ActorOf(GameSupervisorActor.Props(plan, run), "game")));

    /// <summary>Adds the coordinator of one training run (which creates the trainer actors).</summary>
    public static AkkaConfigurationBuilder AddTrainingCoordinatorActor(this AkkaConfigurationBuilder builder, TrainingPlan plan,
        TaskCompletionSource<TrainingOutcome> completion, Action<EpochMetrics, IReadOnlyList<StepMetrics>>? progress, string? runId = null) =>
        builder.WithActors((system, registry) =>
            registry.Register<TrainingCoordinatorActor>(system.ActorOf(TrainingCoordinatorActor.Props(plan, completion, progress, runId), "training")));

    /// <summary>Adds the coordinator of one policy run (which creates the learner, the rollout workers, the reward and the reference).</summary>
    public static AkkaConfigurationBuilder AddPolicyCoordinatorActor(this AkkaConfigurationBuilder builder, PolicyPlan plan,
        TaskCompletionSource<PolicyOutcome> completion, Action<PolicyStepMetrics, PolicyStepTiming?> report, string? runId = null) =>
        builder.WithActors((system, registry) =>
            registry.Register<PolicyCoordinatorActor>(system.ActorOf(PolicyCoordinatorActor.Props(plan, completion, report, runId), "policy")));

    /// <summary>Adds the actor of one experiment run.</summary>
    public static AkkaConfigurationBuilder AddExperimentActor(this AkkaConfigurationBuilder builder, ExperimentPlan plan,
        TaskCompletionSource<ExperimentResult> completion, Action<string>? progress, string? runId = null) =>
        builder.WithActors((system, registry) =>
            registry.Register<ExperimentActor>(system.ActorOf(ExperimentActor.Props(plan, completion, progress, runId), "experiment")));

    /// <summary>
    /// Adds the coordinator side of a distributed federated run: waits for the worker nodes, checks their plugins,
    /// then starts the run's supervisor as a cluster singleton with the clients placed by Cluster.Sharding.
    /// </summary>
    public static AkkaConfigurationBuilder AddClusterRunStarterActor(this AkkaConfigurationBuilder builder, FederatedRunPlan plan, IRunObserver observer,
        SimulationOptions options, Cluster.ClusterRunSettings settings, Cluster.PrepareRun prepare, Action<string> log) =>
        builder.WithActors((system, registry) =>
            registry.Register<Cluster.ClusterRunStarterActor>(system.ActorOf(Cluster.ClusterRunStarterActor.Props(plan, observer, options, settings, prepare, log), "cluster-run")));

    /// <summary>Adds the actor through which a worker node takes part in distributed runs (<c>/user/node</c>).</summary>
    public static AkkaConfigurationBuilder AddNodeActor(this AkkaConfigurationBuilder builder, Plugins.PluginCatalog catalog, Cluster.PluginFingerprint[] plugins, Action<string> log) =>
        builder.WithActors((system, registry) =>
            registry.Register<Cluster.NodeActor>(system.ActorOf(Cluster.NodeActor.Props(catalog, plugins, log), Cluster.NodeActor.Name)));

    /// <summary>Adds the supervisor of one federated run (which creates the server, which creates the clients).</summary>
    public static AkkaConfigurationBuilder AddRunSupervisorActor(this AkkaConfigurationBuilder builder, FederatedRunPlan plan, IRunObserver observer,
        SimulationOptions? options = null) =>
        builder.WithActors((system, registry) =>
            registry.Register<RunSupervisorActor>(system.ActorOf(RunSupervisorActor.Props(plan, observer, options), "run")));
}
