using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Host.Federated;
using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using TorchSharp;
using Xunit;

namespace ActorLab.Host.Tests.Federated;

/// <summary>The server's test of the global model, without actors.</summary>
public sealed class RoundEvaluationTests() : TempDirectoryTest("evaluation")
{
    private FederatedRunPlan Plan(string extra) => FederatedPlans.Build(Path.Combine(Dir, $"scenario-{Guid.NewGuid():N}.json"), $$"""
        { "kind": "federated", "seed": 4, "model": "logistic-regression", "rounds": 1,
          "clients": { "total": 4, "perRound": 4 }, {{extra}} }
        """, PluginCatalogLoader.Load(Repo.Manifest));

    [Fact]
    public void Scores_the_given_parameters_on_the_test_split_with_the_runs_loss()
    {
        var plan = Plan("\"dataset\": \"digits\", \"loss\": \"cross-entropy\"");
        using var evaluation = new RoundEvaluation(plan);
        var initial = evaluation.Evaluate(plan.InitialParameters, default);

        // The same measurement by hand, on a model of the scenario's own.
        using var model = plan.Catalog.Create<IModelFactory>("logistic-regression", plan.Scenario.Model.Options).Create(plan.Shape);
        ModelParameters.Load(model, plan.InitialParameters);
        var (features, labels) = ClientData.TestRows(plan.Dataset);
        using (features)
        using (labels)
        {
            var (loss, accuracy) = ModelEvaluator.Evaluate(model, plan.Catalog.Create<ILoss>("cross-entropy", plan.Scenario.Loss.Options), features, labels);
            Assert.Equal(new ModelScore(loss, accuracy), initial);
        }

        Assert.Equal([.. model.parameters().Select(p => p.shape)], evaluation.ParameterShapes);
        var shifted = plan.InitialParameters.Select((v, i) => v + (i % 7) * 0.05f).ToArray();
        Assert.NotEqual(initial, evaluation.Evaluate(shifted, default));
        Assert.Equal(initial, evaluation.Evaluate(plan.InitialParameters, default)); // loading overwrites: no state from the last call
    }

    [Fact]
    public void With_bags_it_is_the_mean_squared_error_against_the_real_responses()
    {
        var plan = Plan("""
            "dataset": { "name": "linear-regression", "options": { "rows": 500, "features": 3 } }, "loss": "bag-level", "bags": { "size": 5 }
            """);
        using var evaluation = new RoundEvaluation(plan);
        var score = evaluation.Evaluate(plan.InitialParameters, default);

        Assert.True(double.IsNaN(score.Accuracy));
        using var model = plan.Catalog.Create<IModelFactory>("logistic-regression", plan.Scenario.Model.Options).Create(plan.Shape);
        ModelParameters.Load(model, plan.InitialParameters);
        var (features, _) = ClientData.TestRows(plan.Dataset);
        using (features)
        using (var responses = torch.tensor(plan.Dataset.TestResponses!))
        {
            Assert.Equal(ModelEvaluator.MeanSquaredError(model, features, responses), score.Loss);
        }
    }
}
