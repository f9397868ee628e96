namespace ActorLab.Host.Simulation;

/// <summary>
/// The dispatchers simulations run on. Trainer actors (clients, learners) get a dedicated pool with one
/// thread per worker, and libtorch runs one intra-op thread each, so that actors, not libtorch, use the cores.
/// </summary>
public static class SimulationDispatchers
{
    /// <summary>The dispatcher of compute-heavy actors.</summary>
    public const string Trainer = "actorlab.trainer-dispatcher";

    /// <summary>
    /// The dispatcher of game agents: a thread per actor, because the players of a repeated game wait for each other
    /// every round inside a batch (<see cref="Games.RoundExchange"/>), which a shared pool could deadlock.
    /// </summary>
    public const string GameAgent = "actorlab.game-agent-dispatcher";

    /// <summary>HOCON for the dispatchers, with <paramref name="workers"/> trainer threads.</summary>
    public static string Hocon(int workers) => $$"""
        {{Trainer}} {
          type = ForkJoinDispatcher
          throughput = 1
          dedicated-thread-pool {
            thread-count = {{workers}}
            threadtype = background
          }
        }
        {{GameAgent}} {
          type = PinnedDispatcher
          executor = thread-pool-executor
          thread-pool-executor.allow-core-timeout = off
        }
        """;
}
