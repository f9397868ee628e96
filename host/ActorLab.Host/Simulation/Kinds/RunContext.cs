using ActorLab.Host.Results.Database;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>What <see cref="RunPipeline"/> opened for a run: its folder, its database row and its progress sink.</summary>
/// <param name="Request">What to run and where (workers, database, runs root).</param>
/// <param name="Folder">The run folder, with the scenario copied in.</param>
/// <param name="Recorder">The run's row in the results database (append metric rows to it as they complete).</param>
/// <param name="Progress">Progress for the CLI; never null (a no-op when nobody listens).</param>
public sealed record RunContext(RunRequest Request, string Folder, RunRecorder Recorder, RunProgress Progress)
{
    /// <summary>The run's id: its folder's name.</summary>
    public string RunId => Path.GetFileName(Folder);
}
