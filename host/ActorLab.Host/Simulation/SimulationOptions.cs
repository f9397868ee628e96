using ActorLab.Host.Federated;
using ActorLab.Host.Resume;

namespace ActorLab.Host.Simulation;

/// <summary>How to run a simulation in this process.</summary>
/// <param name="Workers">Threads for trainer actors (clients, learners); results do not depend on it.</param>
public sealed record SimulationOptions(int Workers)
{
    /// <summary>The run's id (its folder's name), stamped on the run span as <c>actorlab.run.id</c>; null when there is none.</summary>
    public string? RunId { get; init; }

    /// <summary>Federated runs: at most this many <c>client.fit</c> spans per round (<see cref="ClientTraceSampling"/>).</summary>
    public int TracedClientsPerRound { get; init; } = ClientTraceSampling.DefaultPerRound;

    /// <summary>Federated runs: join this cluster and place the clients on its worker nodes; null: all in this process.</summary>
    public Cluster.ClusterRunSettings? Cluster { get; init; }

    /// <summary>The Cluster.Sharding region (proxy) of a distributed run's clients, set once the workers are ready.</summary>
    public Akka.Actor.IActorRef? ClientRegion { get; init; }

    /// <summary>Federated runs: the journal that persists each completed round; null: no journal.</summary>
    public RunJournal? Journal { get; init; }
}
