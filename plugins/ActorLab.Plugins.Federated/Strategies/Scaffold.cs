using ActorLab.Contracts.Federated;
using ActorLab.Contracts.State;
using TorchSharp;
using TorchSharp.Modules;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="Scaffold"/>.</summary>
public sealed record ScaffoldOptions
{
    /// <summary>Global (server) learning rate eta_g.</summary>
    public double ServerLearningRate { get; init; } = 1.0;
}

/// <summary>
/// SCAFFOLD of Karimireddy et al., "SCAFFOLD: Stochastic Controlled Averaging for Federated Learning" (ICML 2020),
/// with option II for the client control variate. Client i corrects every local gradient by c - c_i, then sets
/// c_i+ = c_i - c + (x - y_i) / (K eta_l) (K local steps, eta_l local learning rate) and sends y_i and
/// delta c_i = c_i+ - c_i. The server sets x &lt;- x + eta_g mean_i(y_i - x) and c &lt;- c + (|S| / N) mean_i(delta c_i),
/// unweighted means over the clients that reported, as in the paper. c and every c_i start at zero; c_i lives in
/// the client's actor (a restarted client starts again from zero).
/// </summary>
public sealed class Scaffold(ScaffoldOptions options) : IAggregationStrategy, IClientAwareStrategy, IStatefulComponent
{
    private float[]? _serverControl;

    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        var n = global.Length;
        var mean = ParameterMath.WeightedMean(updates, n, _ => 1, u => u.Parameters);
        var meanDeltaC = ParameterMath.WeightedMean(updates, n, _ => 1,
            u => u.Extras ?? throw new ArgumentException($"scaffold: client {u.ClientId} sent no control-variate delta"));
        _serverControl ??= new float[n];
        var share = context.TotalClients > 0 ? (double)updates.Count / context.TotalClients : 1.0;
        var result = new float[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = (float)(global[i] + options.ServerLearningRate * ((double)mean[i] - global[i]));
            _serverControl[i] = (float)(_serverControl[i] + share * meanDeltaC[i]);
        }

        return result;
    }

    /// <inheritdoc />
    public IClientAlgorithm CreateClientAlgorithm() => new ScaffoldClient();

    /// <inheritdoc />
    public float[]? ServerExtras(int round) => _serverControl;

    /// <summary>The server control variate c (absent before the first round).</summary>
    public ComponentState SaveState() => ComponentState.Of(floats: [("c", _serverControl)]);

    /// <inheritdoc />
    public void LoadState(ComponentState state) => _serverControl = state.Float("c");

    private sealed class ScaffoldClient : IClientAlgorithm, IDisposable, IStatefulComponent
    {
        private float[]? _clientControl;
        private float[]? _serverControl;
        private float[] _global = [];
        private double _learningRate;
        private List<torch.Tensor> _correction = [];

        public void BeginFit(ClientFitContext context)
        {
            _global = context.GlobalParameters.ToArray();
            _learningRate = context.LearningRate;
            _clientControl ??= new float[_global.Length];
            _serverControl = context.ServerExtras ?? new float[_global.Length];
            DisposeCorrection();

            // The correction c - c_i, shaped like each parameter, computed once per round.
            var offset = 0;
            foreach (var parameter in context.Parameters)
            {
                var count = (int)parameter.numel();
                var values = new float[count];
                for (var j = 0; j < count; j++)
                {
                    values[j] = _serverControl[offset + j] - _clientControl[offset + j];
                }

                _correction.Add(torch.tensor(values).view(parameter.shape));
                offset += count;
            }
        }

        public torch.Tensor? Regularizer(IReadOnlyList<Parameter> parameters, torch.Tensor logits) => null;

        public void AdjustGradients(IReadOnlyList<Parameter> parameters)
        {
            using var noGrad = torch.no_grad();
            for (var i = 0; i < parameters.Count; i++)
            {
                parameters[i].grad?.add_(_correction[i]);
            }
        }

        public float[]? EndFit(ClientFitOutcome outcome)
        {
            DisposeCorrection();
            var delta = new float[_global.Length];
            if (outcome.Steps == 0)
            {
                return delta;
            }

            var scale = 1.0 / (outcome.Steps * _learningRate);
            for (var i = 0; i < delta.Length; i++)
            {
                var updated = _clientControl![i] - _serverControl![i] + scale * ((double)_global[i] - outcome.TrainedParameters[i]);
                delta[i] = (float)(updated - _clientControl[i]);
                _clientControl[i] = (float)updated;
            }

            return delta;
        }

        // c_i survives rounds; the other fields are set again by every BeginFit.
        public ComponentState SaveState() => ComponentState.Of(floats: [("c_i", _clientControl)]);

        public void LoadState(ComponentState state) => _clientControl = state.Float("c_i");

        public void Dispose() => DisposeCorrection();

        private void DisposeCorrection()
        {
            foreach (var tensor in _correction)
            {
                tensor.Dispose();
            }

            _correction = [];
        }
    }
}
