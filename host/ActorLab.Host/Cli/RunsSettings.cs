using System.ComponentModel;
using ActorLab.Host.Results.Database;
using Spectre.Console.Cli;

namespace ActorLab.Host.Cli;

/// <summary>The option every <c>actorlab runs</c> command shares: which results database to read.</summary>
public class RunsSettings : CommandSettings
{
    /// <summary>The results database.</summary>
    [CommandOption("--database <FILE>")]
    [Description("Results database (DuckDB). Default: runs/actorlab.duckdb")]
    public string Database { get; init; } = ResultsDatabaseSchema.DefaultPath("runs");

    /// <summary>A reader of the database; an input error when the file does not exist.</summary>
    public ResultsDatabaseReader Reader() => File.Exists(Database)
        ? new(new ResultsDatabase(Database))
        : throw new InputFileException(Database, "no results database here; runs write one next to their folders (runs/actorlab.duckdb), or pass --database <FILE>");
}
