using ActorLab.Host.Results.Database;
using Xunit;

namespace ActorLab.Host.Tests.Results;

/// <summary>What <c>actorlab runs compare</c> plots and tabulates for runs of different kinds, from the rows alone.</summary>
public sealed class RunComparisonTests
{
    private static readonly string[] Policies = ["epsilon-greedy", "exp3", "kl-ucb", "thompson", "ucb1"];

    private static RunRecord Run(string id, string kind, string headline) =>
        new(id, kind, id, 1, null, DateTime.UnixEpoch, DateTime.UnixEpoch, "completed", null, headline, 0.5, "/runs/" + id);

    private static readonly RunRecord Federated = Run("fed", "federated", "test_accuracy");
    private static readonly RunRecord Bandit = Run("ban", "bandit", "pseudo_regret_mean");
    private static readonly RunRecord Training = Run("train", "training", "test_accuracy");

    /// <summary>The rows each run has: the federated run by round, the bandit run per policy, the training run by epoch and by optimizer step.</summary>
    private static IReadOnlyList<(string? Series, long Step, double Value, int? Epoch)> Rows(RunRecord run, string metric) => (run.RunId, metric) switch
    {
        ("fed", "test_accuracy" or "test_loss") => [(null, 1, 0.5, null), (null, 2, 0.7, null), (null, 3, 0.8, null)],
        ("ban", "pseudo_regret_mean") => [.. Policies.SelectMany(p => new (string?, long, double, int?)[] { (p, 100, 1, null), (p, 200, 2, null) })],
        ("train", "test_accuracy") => [(null, 1, 0.6, 1), (null, 2, 0.7, 2)],
        ("train", "step_train_loss") => [(null, 1, 2.0, 1), (null, 2, 1.9, 1), (null, 3, 1.8, 2)],
        _ => [],
    };

    private static IReadOnlyList<string> MetricsOf(RunRecord run) => run.Kind == "bandit" ? ["pseudo_regret_mean", "reward_mean"] : ["test_accuracy", "test_loss"];

    private static string UnitOf(string kind) => kind switch { "federated" => "round", "training" => "epoch", _ => "step" };

    private static RunComparison Compare(string? metric, params RunRecord[] runs) => RunComparison.Build(runs, metric, UnitOf, Rows, MetricsOf);

    [Fact]
    public void Without_a_metric_each_run_plots_its_headline_and_a_bandits_policies_are_one_curve_each()
    {
        var comparison = Compare(null, Federated, Bandit);

        Assert.Equal(["fed", .. Policies.Select(p => $"ban {p}")], comparison.Curves.Select(c => c.Label));
        Assert.Empty(comparison.Missing);
        Assert.Equal(["test_accuracy", "pseudo_regret_mean"], comparison.Metrics);
        Assert.Equal(("round", "step"), (comparison.Unit("test_accuracy"), comparison.Unit("pseudo_regret_mean")));
        var ucb1 = comparison.Curves.Single(c => c.Series == "ucb1");
        Assert.Equal([100.0, 200.0], ucb1.Steps);
        Assert.Equal([1.0, 2.0], ucb1.Values);
    }

    [Fact]
    public void A_panel_names_its_unit_when_its_runs_share_one_and_step_otherwise()
    {
        Assert.Equal("epoch", Compare(null, Training).Unit("test_accuracy"));
        Assert.Equal("step", Compare(null, Federated, Training).Unit("test_accuracy")); // rounds and epochs
        Assert.Equal("step", Compare("step_train_loss", Training).Unit("step_train_loss")); // rows at optimizer steps, not epochs
    }

    [Fact]
    public void A_metric_a_run_lacks_leaves_it_out_with_the_metrics_it_has()
    {
        var comparison = Compare("test_loss", Federated, Bandit);

        Assert.Equal(["fed"], comparison.Curves.Select(c => c.Label));
        var missing = Assert.Single(comparison.Missing);
        Assert.Equal("ban has no metric 'test_loss' (its metrics: pseudo_regret_mean, reward_mean)", missing.ToString());

        var none = Compare("nope", Federated, Bandit);
        Assert.Empty(none.Curves);
        Assert.Equal("none of these runs has metric 'nope' (their metrics: fed: test_accuracy, test_loss; ban: pseudo_regret_mean, reward_mean)", none.NothingPlotted());
        var noHeadline = Compare(null, Run("exp", "experiment", "findings"), Run("other", "experiment", "summary"));
        Assert.StartsWith("none of these runs has its headline metric: exp has no metric 'findings' (", noHeadline.NothingPlotted(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_shows_every_metric_of_one_kind_and_the_shared_ones_of_several()
    {
        IReadOnlyList<FinalMetric> fed = [new(null, "test_accuracy", 3, 0.8), new(null, "bytes_sent", 3, 10)];
        IReadOnlyList<FinalMetric> train = [new(null, "test_accuracy", 2, 0.7), new(null, "macro_f1", 2, 0.6)];
        IReadOnlyList<FinalMetric> bandit = [new("ucb1", "pseudo_regret_mean", 200, 2)];
        static string Number(double v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var mixed = ComparisonTable.Rows([Federated, Training, Bandit], [fed, train, bandit], Number);
        var row = Assert.Single(mixed);
        Assert.Equal("test_accuracy", row.Label);
        Assert.Equal(["0.8", "0.7", "-"], row.Cells);

        var oneKind = ComparisonTable.Rows([Federated, Run("fed2", "federated", "test_accuracy")], [fed, [new(null, "test_accuracy", 3, 0.9)]], Number);
        Assert.Equal(["bytes_sent", "test_accuracy"], oneKind.Select(r => r.Label));
        Assert.Equal(["10", "-"], oneKind[0].Cells);
    }
}
