using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Secrets;

/// <summary>
/// <c>$PWD</c> and <c>$OLDPWD</c> are folders, not passwords: with both set to the folder a run starts in, error
/// messages and errors.log show the real paths under it (the redaction once took "pwd" for a password and printed
/// every such path as <c>***/...</c>).
/// </summary>
public sealed class WorkingDirectoryPathTests() : TempDirectoryTest("pwd")
{
    private Dictionary<string, string> InThisFolder => new() { ["PWD"] = Dir, ["OLDPWD"] = Dir };

    [Fact]
    public void A_run_in_the_current_folder_reports_its_paths_in_full_in_errors_and_errors_log()
    {
        var manifest = ThrowingStrategyPlugin.Manifest(Dir);
        var scenario = ThrowingStrategyPlugin.Scenario(Dir, "ACTORLAB_UNSET_KEY_VARIABLE");
        var runs = Path.Combine(Dir, "runs");

        var result = Support.Cli.Run(Dir, InThisFolder, "run", scenario, "--plugins", manifest, "--allow-external-plugins", "--output", runs);

        Assert.Equal(1, result.ExitCode);
        var cache = Path.Combine(Dir, ThrowingStrategyPlugin.CacheFile);
        Assert.Contains($"cache {cache}", result.Stderr);
        var folder = Assert.Single(Directory.GetDirectories(runs));
        var log = Path.Combine(folder, "errors.log");
        Assert.Contains($"full exceptions in {log}", result.Stderr);
        Assert.Contains($"cache {cache}", File.ReadAllText(log));
        Assert.DoesNotContain("***", result.Stderr + File.ReadAllText(log));
    }

    [Fact]
    public void An_input_error_names_the_scenario_by_its_full_path()
    {
        var missing = Path.Combine(Dir, "no-such-scenario.json");

        var result = Support.Cli.Run(Dir, InThisFolder, "run", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(missing, result.Stderr);
        Assert.DoesNotContain("***", result.Stderr);
    }
}
