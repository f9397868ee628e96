using ActorLab.Host.Federated;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Resume;

namespace ActorLab.Host.Simulation;

/// <summary>What to run and where to put it.</summary>
/// <param name="ScenarioPath">The scenario file.</param>
/// <param name="ManifestPath">plugins.json.</param>
/// <param name="RunsRoot">Folder the run's folder is created in.</param>
/// <param name="Workers">Trainer threads.</param>
/// <param name="Database">The results database; null: <c>actorlab.duckdb</c> in <paramref name="RunsRoot"/>.</param>
public sealed record RunRequest(string ScenarioPath, string ManifestPath, string RunsRoot, int Workers, string? Database = null)
{
    /// <summary>The results database file this run is recorded in.</summary>
    public string DatabasePath => Database ?? ResultsDatabaseSchema.DefaultPath(RunsRoot);

    /// <summary>Federated runs: at most this many <c>client.fit</c> spans per round (<c>--trace-clients</c>).</summary>
    public int TracedClientsPerRound { get; init; } = ClientTraceSampling.DefaultPerRound;

    /// <summary>Federated runs: run as the coordinator of this cluster (<c>--cluster</c>); null: in this process.</summary>
    public Cluster.ClusterRunSettings? Cluster { get; init; }

    /// <summary>
    /// Federated runs: where each completed round is persisted for <c>actorlab resume</c>; null: not persisted. The
    /// <c>run</c> command sets it from the environment (<see cref="JournalSettings.FromEnvironment"/>: SQLite by default).
    /// </summary>
    public JournalSettings? Journal { get; init; }

    /// <summary>Plugins may load from outside the manifest's folder tree (<c>--allow-external-plugins</c>).</summary>
    public bool AllowExternalPlugins { get; init; }
}
