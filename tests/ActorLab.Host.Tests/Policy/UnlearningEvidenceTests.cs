using ActorLab.Host.Policy;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Policy;

/// <summary>The unlearning reproductions of scenarios/repro (their README's figures), run once for the claims below.</summary>
public sealed class UnlearningRuns : IAsyncLifetime
{
    private readonly string _dir = Repo.TempDirectory("unlearning-evidence");

    /// <summary>Evaluated rows of policy-unlearning-gradient-ascent.json (step 0 first).</summary>
    public List<Dictionary<string, double>> GradientAscent { get; private set; } = [];

    /// <summary>Evaluated rows of policy-unlearning-npo.json.</summary>
    public List<Dictionary<string, double>> Npo { get; private set; } = [];

    /// <summary>Evaluated rows of policy-unlearning-uld.json.</summary>
    public List<Dictionary<string, double>> Uld { get; private set; } = [];

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        async Task<List<Dictionary<string, double>>> Run(string name)
        {
            var summary = await PolicyRuns.RunFileAsync(_dir, Repo.Path("scenarios", "repro", $"{name}.json"));
            Assert.True(summary.Status == "completed", $"{name}: {summary.Status}: {summary.Failure}");
            return [.. PolicyRuns.Rows(summary, "unlearning").Where(r => !double.IsNaN(r["forget_accuracy"]))];
        }

        GradientAscent = await Run("policy-unlearning-gradient-ascent");
        Npo = await Run("policy-unlearning-npo");
        Uld = await Run("policy-unlearning-uld");
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>Papers 43, 12 and 11 at toy scale: forgetting the sums whose first operand starts with 7.</summary>
public sealed class UnlearningEvidenceTests(UnlearningRuns runs) : IClassFixture<UnlearningRuns>
{
    private const double Forgotten = 0.2;

    [Fact]
    public void Npo_reaches_the_forget_accuracy_of_gradient_ascent_with_higher_retain_accuracy()
    {
        // Paper 43: compared where each first brings forget accuracy to 0.2 or below.
        var ga = runs.GradientAscent.First(r => r["forget_accuracy"] <= Forgotten);
        var npo = runs.Npo.First(r => r["forget_accuracy"] <= Forgotten);
        Assert.True(npo["retain_accuracy"] > ga["retain_accuracy"],
            $"retain accuracy at forget <= {Forgotten}: npo {npo["retain_accuracy"]} (step {npo["phase_step"]}), gradient ascent {ga["retain_accuracy"]} (step {ga["phase_step"]})");
    }

    [Fact]
    public void Uld_changes_the_outputs_but_not_the_representations_which_the_representation_metrics_show()
    {
        // Papers 12 and 11: ULD's target never changes, so linear CKA stays 1 and the probe still reads the forget answers.
        var before = runs.Uld[0];
        Assert.Equal(1.0, before["cka"], 9);
        Assert.True(runs.Uld.Min(r => r["forget_accuracy"]) < before["forget_accuracy"] / 2, $"forget accuracy {string.Join(", ", runs.Uld.Select(r => r["forget_accuracy"]))}");
        Assert.All(runs.Uld, r => Assert.Equal(1.0, r["cka"], 6));
        Assert.All(runs.Uld, r => Assert.Equal(before["probe_accuracy"], r["probe_accuracy"]));
    }

    [Fact]
    public void After_gradient_ascent_and_npo_the_forgotten_answers_stay_linearly_decodable()
    {
        // Paper 11: the outputs no longer give the answers, the representations still do.
        foreach (var rows in new[] { runs.GradientAscent, runs.Npo })
        {
            var last = rows[^1];
            Assert.True(last["forget_accuracy"] <= Forgotten, $"forget accuracy {last["forget_accuracy"]}");
            Assert.True(last["cka"] < 1, $"cka {last["cka"]}");
            Assert.True(last["probe_accuracy"] >= 0.9 * rows[0]["probe_accuracy"], $"probe {rows[0]["probe_accuracy"]} -> {last["probe_accuracy"]}");
        }
    }
}
