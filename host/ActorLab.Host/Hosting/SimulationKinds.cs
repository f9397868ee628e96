using ActorLab.Host.AgentTraining;
using ActorLab.Host.Bandits;
using ActorLab.Host.Experiments;
using ActorLab.Host.Federated;
using ActorLab.Host.Games;
using ActorLab.Host.Policy;
using ActorLab.Host.Simulation.Kinds;
using ActorLab.Host.Training;

namespace ActorLab.Host.Hosting;

/// <summary>
/// The table of contents of the simulation kinds: a scenario's <c>kind</c> selects one, and everything else (run,
/// sweep, run folder, database, report, exit codes) works through <see cref="ISimulationKind"/>. A new kind is its
/// folder plus one line here.
/// </summary>
public static class SimulationKinds
{
    private static readonly List<ISimulationKind> Registered =
    [
        new FederatedKind(),
        new BanditKind(),
        new GameKind(),
        new TrainingKind(),
        new ExperimentKind(),
        new AgentTrainingKind(),
        new PolicyKind(),
    ];

    /// <summary>Every kind, in the order the documentation lists them.</summary>
    public static IReadOnlyList<ISimulationKind> All
    {
        get
        {
            lock (Registered)
            {
                return [.. Registered];
            }
        }
    }

    /// <summary>The kind a scenario's <c>kind</c> names; the schema admits only registered names, so a miss is a bug.</summary>
    public static ISimulationKind Named(string name) =>
        All.FirstOrDefault(k => k.Name == name) ?? throw new InvalidOperationException($"no simulation kind named '{name}' is registered");

    /// <summary>Adds a kind (a library caller's or a test's own); a name already taken is refused.</summary>
    public static void Register(ISimulationKind kind)
    {
        lock (Registered)
        {
            if (Registered.Any(k => k.Name == kind.Name))
            {
                throw new InvalidOperationException($"a simulation kind named '{kind.Name}' is already registered");
            }

            Registered.Add(kind);
        }
    }
}
