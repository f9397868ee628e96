using ActorLab.Contracts.Data;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;
using ActorLab.Host.Scenarios;

namespace ActorLab.Host.Cli;

/// <summary>
/// The mistakes a user can fix (manifest, scenario, data, options): printed as their message alone, with
/// exit code 2. Anything else is a bug and keeps its stack trace.
/// </summary>
public static class InputErrors
{
    /// <summary>Exit code for input errors.</summary>
    public const int ExitCode = 2;

    /// <summary>True for exceptions whose message is the whole story.</summary>
    public static bool IsInputError(Exception ex) => ex is PluginLoadException or ScenarioException or InputFileException
        or DatasetUnavailableException or PartitionException or ComponentOptionsException
        or Results.Database.UnknownRunException or Resume.ResumeException or Results.RunFolderLockedException
        || DamagedPluginCode.Describe(ex) is not null;

    /// <summary>The message to print, naming the scenario file for errors raised inside components.</summary>
    public static string Describe(Exception ex, string? scenarioPath) => Secrets.SecretRedaction.RedactText(ex switch
    {
        ComponentOptionsException options when scenarioPath is not null => $"{scenarioPath}: {options.Message}",
        DatasetUnavailableException or PartitionException when scenarioPath is not null => $"{scenarioPath}: {ex.Message}",
        _ when DamagedPluginCode.Describe(ex) is { } damaged => damaged,
        _ => ex.Message,
    });
}
