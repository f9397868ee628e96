using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>The options of the commands that run a scenario into a run folder (<c>run</c>, <c>resume</c>): answer, where, how many threads.</summary>
public abstract class RunFolderSettings : SimulationCommandSettings
{
    /// <summary>Print the summary as JSON on stdout.</summary>
    [CommandOption("--json")]
    [Description("Print a machine-readable summary on stdout (progress goes to stderr)")]
    public bool Json { get; init; }

    /// <summary>Runs folder.</summary>
    [CommandOption("-o|--output <DIR>")]
    [Description("Folder that holds the run folders. Default: runs")]
    public string Output { get; init; } = "runs";

    /// <summary>The results database.</summary>
    [CommandOption("--database <FILE>")]
    [Description("Results database (DuckDB) the run is recorded in. Default: actorlab.duckdb in the --output folder")]
    public string? Database { get; init; }

    /// <summary>Trainer threads.</summary>
    [CommandOption("-w|--workers <N>")]
    [Description("Threads for client actors (results do not depend on it). Default: number of cores")]
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks the options shared by run and resume, then the simulation options.</summary>
    protected ValidationResult ValidateRunFolder() =>
        Workers < 1 ? ValidationResult.Error($"--workers must be at least 1, got {Workers}") : ValidateShared();
}
