using System.Text.Json;
using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Core.Losses;
using ActorLab.Plugins.Core.Models;
using ActorLab.Plugins.Core.Partitioners;
using Xunit;

namespace ActorLab.Plugins.Core.Tests;

/// <summary>Scenario options bind to the components' option records, with defaults and path-naming errors.</summary>
public sealed class OptionsBindingTests
{
    private static ComponentOptions Options(string json, string path = "$.loss.options") =>
        new(JsonDocument.Parse(json).RootElement.Clone(), path);

    [Fact]
    public void Given_values_override_defaults_and_missing_ones_keep_them()
    {
        Assert.Equal(new ZLossOptions(2.0, 1.0), Options("""{ "a": 2, "b": 1 }""").Bind<ZLossOptions>());
        Assert.Equal(new ZLossOptions(3.0, 0.0), Options("""{ "a": 3 }""").Bind<ZLossOptions>());
        Assert.Equal(new ZLossOptions(), ComponentOptions.Empty.Bind<ZLossOptions>());
        Assert.Equal([64, 32], Options("""{ "hidden": [64, 32] }""").Bind<MlpOptions>().Hidden);
        var dirichlet = Options("""{ "alpha": 0.1 }""").Bind<DirichletOptions>();
        Assert.Equal(0.1, dirichlet.Alpha);
        Assert.Equal(10, dirichlet.MinSamples);
    }

    [Fact]
    public void A_wrong_type_names_the_option_path()
    {
        var ex = Assert.Throws<ComponentOptionsException>(() => Options("""{ "alpha": "lots" }""", "$.partitioner.options").Bind<DirichletOptions>());
        Assert.Equal("$.partitioner.options.alpha", ex.JsonPath);
    }

    [Fact]
    public void An_unknown_option_is_an_error()
    {
        var ex = Assert.Throws<ComponentOptionsException>(() => Options("""{ "alpah": 0.1 }""", "$.partitioner.options").Bind<DirichletOptions>());
        Assert.Contains("alpah", ex.Message);
        Assert.StartsWith("$.partitioner.options", ex.JsonPath);
    }
}
