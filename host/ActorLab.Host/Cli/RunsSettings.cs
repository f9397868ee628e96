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

    /// <summary>A reader of the database; an input error when the file does not exist or is not a results database.</summary>
    public ResultsDatabaseReader Reader()
    {
        const string Fix = "runs write one next to their folders (runs/actorlab.duckdb), or pass --database <FILE>";
        if (!File.Exists(Database))
        {
            throw new InputFileException(Database, $"no results database here; {Fix}");
        }

        var reader = new ResultsDatabaseReader(new ResultsDatabase(Database));
        return reader.WhyNotReadable() is { } why ? throw new InputFileException(Database, $"{why}; {Fix}") : reader;
    }
}
