using ActorLab.Host.Results;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>A run folder is one folder directly under the runs folder, whatever the scenario's name holds.</summary>
public sealed class RunFolderNameTests() : TempDirectoryTest("run-folder-name")
{
    public static TheoryData<string> Names => ["a/b/../c", new string('x', 250)];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_with_separators_or_of_a_long_file_gives_one_folder_under_the_runs_folder(string name)
    {
        // Bandit and game folders used the name as it was: "a/b" nested folders, and a name taken from a file name of
        // 250 characters exceeded the 255 bytes a folder name may have (PathTooLongException).
        var scenario = Path.Combine(Dir, "scenario.json");
        File.WriteAllText(scenario, "{}");
        var runs = Path.Combine(Dir, "runs");

        var folder = RunFolder.Create(runs, name, 3, scenario);

        Assert.Equal(runs, Path.GetDirectoryName(folder));
        Assert.Matches(@"^\d{8}-\d{6}-[A-Za-z0-9_-]{1,100}-s3$", Path.GetFileName(folder));
    }
}
