using ActorLab.Contracts.Experiments;
using ActorLab.Plugins.Losses.Studies;
using Xunit;
using static TorchSharp.torch;

namespace ActorLab.Plugins.Losses.Tests;

/// <summary>Model soups at reduced size: the averaging itself, greedy selection, and the basin contrast the paper draws.</summary>
public sealed class ModelSoupsTests
{
    private static IReadOnlyList<IReadOnlyList<double>> Table(ExperimentResult result, string name) => result.Tables.Single(t => t.Name == name).Rows;

    [Fact]
    public void A_soup_is_the_elementwise_mean_of_its_ingredients_weights()
    {
        var a = new[] { tensor(new float[] { 1, 2 }), tensor(new float[] { 10 }) };
        var b = new[] { tensor(new float[] { 3, -2 }), tensor(new float[] { 20 }) };
        var soup = ModelSoups.Average([a, b]);
        Assert.Equal([2f, 0f], soup[0].data<float>().ToArray());
        Assert.Equal([15f], soup[1].data<float>().ToArray());
    }

    [Fact]
    public void Fine_tuned_models_share_a_basin_and_average_well_while_independently_initialised_ones_do_not()
    {
        // Measured at full size (scenarios/repro/README.md, seeds 1-4): the greedy soup ties the best ingredient on test
        // (+0.0002, 0, 0, -0.0015), so "greedy >= best on held-out data" is not asserted; what is asserted is the
        // greedy rule itself (never worse on validation) and the contrast between the two kinds of uniform soup.
        foreach (var seed in new[] { 1, 2 })
        {
            var result = new ModelSoups(new ModelSoupsOptions { LearningRates = [0.01, 0.1], OrdersPerRate = 2, IndependentModels = 3 })
                .Run(new ExperimentContext(seed, null, CancellationToken.None));
            var soups = Table(result, "soups");
            var (best, uniform, greedy) = (soups[0], soups[1], soups[2]);
            Assert.True(greedy[2] >= best[2], $"seed {seed}: greedy validation {greedy[2]} below the best ingredient's {best[2]}");
            Assert.True(uniform[3] > best[3] - 0.03, $"seed {seed}: uniform soup of fine-tuned models {uniform[3]} vs best ingredient {best[3]}");

            var independent = Table(result, "independent");
            var worst = independent.Where(r => r[0] > 0).Min(r => r[1]);
            var soupOfIndependent = independent.Single(r => r[0] == 0)[1];
            Assert.True(soupOfIndependent < worst - 0.05, $"seed {seed}: soup of independent inits {soupOfIndependent} vs the worst of them {worst}");
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_tables()
    {
        var options = new ModelSoupsOptions { LearningRates = [0.1], OrdersPerRate = 2, IndependentModels = 2, PretrainEpochs = 2, FinetuneEpochs = 2 };
        var first = new ModelSoups(options).Run(new ExperimentContext(5, null, CancellationToken.None));
        var second = new ModelSoups(options).Run(new ExperimentContext(5, null, CancellationToken.None));
        Assert.Equal(first.Tables.SelectMany(t => t.Rows.SelectMany(r => r)), second.Tables.SelectMany(t => t.Rows.SelectMany(r => r)));
    }

    [Fact]
    public void Bad_options_are_refused_naming_them()
    {
        var error = Assert.Throws<ArgumentException>(() => new ModelSoups(new ModelSoupsOptions { LearningRates = [] }).Run(new ExperimentContext(1, null, CancellationToken.None)));
        Assert.Contains("learningRates", error.Message);
    }
}
