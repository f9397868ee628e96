using System.Text.Json;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Options;

/// <summary><c>actorlab plugins describe</c>: the component's plugin, kind, description and options table, or JSON.</summary>
public sealed class DescribeCommandTests
{
    private static Support.Cli.Result Describe(params string[] args) => Support.Cli.Run(Repo.Root, null, ["plugins", "describe", .. args, "--plugins", Repo.Manifest]);

    [Fact]
    public void The_table_lists_each_option_with_type_default_range_and_description()
    {
        var result = Describe("label-smoothing");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.StartsWith("label-smoothing (loss) from plugin ActorLab.Plugins.Losses", lines[0]);
        Assert.Contains("Cross-entropy with label smoothing", lines[1]);
        var row = Assert.Single(lines, l => l.Contains("│ epsilon", StringComparison.Ordinal));
        var cells = row.Split('│', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["epsilon", "number", "0.1", "[0, 1]"], cells[..4]);
        Assert.NotEmpty(cells[4]); // the description, from the option's XML doc summary
    }

    [Fact]
    public void Json_gives_the_same_with_each_option_schema()
    {
        var result = Describe("trimmed-mean", "--json");
        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal("strategy", json.GetProperty("kind").GetString());
        Assert.Equal("ActorLab.Plugins.Federated", json.GetProperty("plugin").GetString());
        Assert.True(json.GetProperty("optionsDeclared").GetBoolean());
        var beta = Assert.Single(json.GetProperty("options").EnumerateArray());
        Assert.Equal("beta", beta.GetProperty("name").GetString());
        Assert.Equal("[0, 0.5)", beta.GetProperty("allowed").GetString());
        Assert.Equal(0.5, beta.GetProperty("schema").GetProperty("exclusiveMaximum").GetDouble());
    }

    [Fact]
    public void Components_registered_without_an_options_record_say_so()
    {
        var result = Describe("cross-entropy");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("options: not declared", result.Stdout);
    }

    [Fact]
    public void A_name_several_kinds_share_needs_kind_and_a_typo_gets_the_nearest_names()
    {
        var ambiguous = Describe("iid");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("'iid' names several components: partitioner, loss sequence; add --kind", ambiguous.Stderr);

        var picked = Describe("iid", "--kind", "loss-sequence");
        Assert.Equal(0, picked.ExitCode);
        Assert.StartsWith("iid (loss sequence)", picked.Stdout);

        var typo = Describe("zloss");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("no component named 'zloss' is registered; nearest: z-loss", typo.Stderr);
    }
}
