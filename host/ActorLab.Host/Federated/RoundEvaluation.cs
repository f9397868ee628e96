using System.Diagnostics;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Randomness;
using ActorLab.Telemetry;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Federated;

/// <summary>The global model measured on the test split.</summary>
/// <param name="Loss">Test loss with the run's loss component, or the mean squared error against real responses (bags).</param>
/// <param name="Accuracy">Test accuracy; NaN for a regression on aggregate responses.</param>
public sealed record ModelScore(double Loss, double Accuracy);

/// <summary>
/// The server's evaluation of each round's global model on the test split, in an <c>evaluate</c> span: test loss and
/// accuracy with the run's loss, or, with bags, the mean squared error against the real responses. It owns the
/// server's model and test tensors; no actor. One instance per server, disposed with it.
/// </summary>
public sealed class RoundEvaluation : IDisposable
{
    private readonly ILoss? _loss;
    private readonly Module<torch.Tensor, torch.Tensor> _model;
    private readonly torch.Tensor _testFeatures;
    private readonly torch.Tensor _testLabels;
    private readonly torch.Tensor? _testResponses;

    /// <summary>Builds the model and loads the test split of <paramref name="plan"/>.</summary>
    public RoundEvaluation(FederatedRunPlan plan)
    {
        var scenario = plan.Scenario;
        // With bags the run is a regression on aggregate responses: the server measures test MSE against the
        // real responses instead of a classification loss and accuracy.
        _loss = scenario.Bags is null ? plan.Catalog.Create<ILoss>(scenario.Loss.Name, scenario.Loss.Options) : null;
        _testResponses = plan.Dataset.TestResponses is { } responses ? torch.tensor(responses) : null;
        _model = SeededTorch.Exclusive(() => plan.Catalog.Create<IModelFactory>(scenario.Model.Name, scenario.Model.Options).Create(plan.Shape));
        (_testFeatures, _testLabels) = ClientData.TestRows(plan.Dataset);
        ParameterShapes = _model.parameters().Select(p => p.shape).ToList();
    }

    /// <summary>The shape of each parameter tensor, in flat-vector order (<see cref="Contracts.Federated.AggregationContext.ParameterShapes"/>).</summary>
    public IReadOnlyList<long[]> ParameterShapes { get; }

    /// <summary>Loads <paramref name="global"/> into the model and scores it, in an <c>evaluate</c> span under <paramref name="parent"/>.</summary>
    public ModelScore Evaluate(float[] global, ActivityContext parent)
    {
        using var evaluate = ActorLabTelemetry.Source.StartActivity("evaluate", ActivityKind.Internal, parent);
        ModelParameters.Load(_model, global);
        var (loss, accuracy) = _loss is not null
            ? ModelEvaluator.Evaluate(_model, _loss, _testFeatures, _testLabels)
            : (ModelEvaluator.MeanSquaredError(_model, _testFeatures, _testResponses!), double.NaN);
        evaluate?.SetTag("actorlab.test.accuracy", accuracy);
        return new ModelScore(loss, accuracy);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _model.Dispose();
        _testFeatures.Dispose();
        _testLabels.Dispose();
        _testResponses?.Dispose();
    }
}
