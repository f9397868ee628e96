using ActorLab.Contracts.Federated;
using ActorLab.Plugins.Federated.Strategies;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;

namespace ActorLab.Plugins.Federated.Tests;

public sealed class FedLExTests
{
    /// <summary>A scripted local training: each epoch moves the parameter by +1 and reports the next loss.</summary>
    private sealed class ScriptedTraining(float start, params double[] losses) : ILocalTraining
    {
        private float _value = start;
        private int _epoch;

        public int Epochs => _epoch;

        public double TrainEpoch()
        {
            _value += 1;
            return losses[_epoch++];
        }

        public float[] Parameters() => [_value];

        public void LoadParameters(float[] parameters) => _value = parameters[0];
    }

    private static ClientFitContext Context(IReadOnlyList<Parameter> parameters, float[]? guidance, ILocalTraining? training) =>
        new(0, 1, 0, new float[parameters.Sum(p => (int)p.numel())], guidance, parameters, 0.1) { Training = training };

    [Fact]
    public void Guidance_is_min_max_normalised_per_tensor()
    {
        Assert.Equal([0f, 1f, 0.5f, 1f, 1f], FedLEx.Guidance([1f, 3f, 2f, 5f, 5f], [[3], [2]]));
    }

    [Fact]
    public void A_scout_trains_on_until_patience_runs_out_and_reports_the_best_squared_displacement()
    {
        var client = new FedLEx(new FedLExOptions { ScoutEpochs = 50, Patience = 2 }).CreateClientAlgorithm();
        var training = new ScriptedTraining(10, 5, 4, 3, 3.5, 3.2, 1, 1);
        client.BeginFit(Context([new Parameter(torch.zeros(1))], guidance: null, training));
        var displacement = client.EndFit(new ClientFitOutcome(1, [10f]))!;
        Assert.Equal(5, training.Epochs); // best at epoch 3 (loss 3), then 2 epochs without improvement
        Assert.Equal(9f, displacement[0]); // best parameters 13 = base 10 + 3 epochs
        Assert.Equal(10f, training.Parameters()[0]); // the base model is restored for sending
    }

    [Fact]
    public void With_guidance_gradients_are_multiplied_element_wise_and_nobody_scouts()
    {
        var p = new Parameter(torch.tensor(new float[] { 1f, 1f }));
        var client = new FedLEx(new FedLExOptions()).CreateClientAlgorithm();
        var training = new ScriptedTraining(0, 1);
        client.BeginFit(Context([p], guidance: [0.25f, 1f], training));
        (p * torch.tensor(new float[] { 2f, 2f })).sum().backward();
        client.AdjustGradients([p]);
        Assert.Equal([0.5f, 2f], p.grad!.data<float>().ToArray());
        Assert.Null(client.EndFit(new ClientFitOutcome(1, [1f, 1f])));
        Assert.Equal(0, training.Epochs);
    }

    [Fact]
    public void The_server_builds_guidance_from_the_exploration_round_and_steps_with_momentum()
    {
        var strategy = new FedLEx(new FedLExOptions { ServerMomentum = 0.5, ServerLearningRate = 1 });
        var context = new AggregationContext(1, 0) { ParameterShapes = [[2]] };
        var w1 = strategy.Aggregate(context, [0f, 0f],
            [new ClientUpdate(0, [1f, 2f], 1, 0) { Extras = [1f, 4f] }, new ClientUpdate(1, [1f, 2f], 1, 0) { Extras = [3f, 4f] }]);
        Assert.Equal([1f, 2f], w1); // v = (0 - 1, 0 - 2), w = 0 - v
        Assert.Equal([0f, 1f], strategy.ServerExtras(2)!); // LS = (2, 4) -> min-max (0, 1)
        var w2 = strategy.Aggregate(context with { Round = 2 }, w1, [new ClientUpdate(0, [1f, 2f], 1, 0)]);
        Assert.Equal([1.5f, 3f], w2); // v = 0.5 * (-1, -2) + 0, w = w1 - v
    }
}
