using ActorLab.Contracts.Federated;
using ActorLab.Contracts.State;
using TorchSharp;
using TorchSharp.Modules;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="FedLEx"/> (reference defaults; scoutEpochs and patience are the paper's 150 and 40).</summary>
public sealed record FedLExOptions
{
    /// <summary>Most epochs a scout trains beyond its base model.</summary>
    public int ScoutEpochs { get; init; } = 150;

    /// <summary>A scout stops after this many epochs without a lower training loss.</summary>
    public int Patience { get; init; } = 40;

    /// <summary>Server learning rate eta of the FedAvg-with-momentum step.</summary>
    public double ServerLearningRate { get; init; } = 1.0;

    /// <summary>Server momentum beta.</summary>
    public double ServerMomentum { get; init; } = 0.9;
}

/// <summary>
/// FedLEx of Internò et al., "Federated Loss Exploration for Improved Convergence on Non-IID Data" (2024).
/// Round 1 explores: each sampled client's round of local training gives its base model theta_b; it then goes on
/// as a scout (up to scoutEpochs epochs, stopping after patience epochs without a lower training loss, keeping
/// the best) and reports (theta_s - theta_b)^2 element-wise, while sending theta_b as its update. The server
/// averages these into LS and, per parameter tensor, min-max normalises them into the guidance G = (LS - min) /
/// (max - min). From round 2, G goes to every client with the model and each local gradient is multiplied by G
/// element-wise before the optimizer step. Aggregation is FedAvg (sample-weighted) with server learning rate and
/// momentum: v &lt;- beta v + (w - avg), w &lt;- w - eta v. A tensor whose LS is constant gets G = 1.
/// </summary>
public sealed class FedLEx(FedLExOptions options) : IAggregationStrategy, IClientAwareStrategy, IStatefulComponent
{
    private readonly ServerMomentum _step = new(options.ServerLearningRate, options.ServerMomentum);
    private float[]? _guidance;

    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates)
    {
        if (_guidance is null && updates.All(u => u.Extras is not null))
        {
            _guidance = Guidance(ParameterMath.WeightedMean(updates, global.Length, _ => 1, u => u.Extras!),
                context.ParameterShapes.Count > 0 ? context.ParameterShapes : [[global.Length]]);
        }

        return _step.Step(global, ParameterMath.WeightedMean(updates, global.Length));
    }

    /// <summary>Min-max normalisation of the mean squared scout displacement, per parameter tensor.</summary>
    public static float[] Guidance(float[] meanSquaredDisplacement, IReadOnlyList<long[]> shapes)
    {
        var guidance = new float[meanSquaredDisplacement.Length];
        var offset = 0;
        foreach (var shape in shapes)
        {
            var size = (int)shape.Aggregate(1L, (a, b) => a * b);
            var slice = meanSquaredDisplacement.AsSpan(offset, size);
            float min = float.MaxValue, max = float.MinValue;
            foreach (var v in slice)
            {
                (min, max) = (Math.Min(min, v), Math.Max(max, v));
            }

            for (var j = 0; j < size; j++)
            {
                guidance[offset + j] = max > min ? (slice[j] - min) / (max - min) : 1f;
            }

            offset += size;
        }

        return guidance;
    }

    /// <inheritdoc />
    public IClientAlgorithm CreateClientAlgorithm() => new Client(options);

    /// <inheritdoc />
    public float[]? ServerExtras(int round) => _guidance;

    /// <summary>The server velocity and the guidance G (each absent until computed).</summary>
    public ComponentState SaveState() => ComponentState.Of(floats: [("guidance", _guidance)], doubles: [("velocity", _step.Velocity)]);

    /// <inheritdoc />
    public void LoadState(ComponentState state) => (_guidance, _step.Velocity) = (state.Float("guidance"), state.Double("velocity"));

    private sealed class Client(FedLExOptions options) : IClientAlgorithm, IDisposable, IStatefulComponent
    {
        // Its fields live for one round only (set in BeginFit): nothing survives a round.
        public ComponentState SaveState() => ComponentState.Empty;

        public void LoadState(ComponentState state)
        {
        }

        private ClientFitContext? _context;
        private List<torch.Tensor> _guidance = [];

        public void BeginFit(ClientFitContext context)
        {
            _context = context;
            DisposeGuidance();
            if (context.ServerExtras is not { } guidance)
            {
                return; // the exploration round
            }

            var offset = 0;
            foreach (var parameter in context.Parameters)
            {
                var count = (int)parameter.numel();
                _guidance.Add(torch.tensor(guidance.AsSpan(offset, count).ToArray()).view(parameter.shape));
                offset += count;
            }
        }

        public torch.Tensor? Regularizer(IReadOnlyList<Parameter> parameters, torch.Tensor logits) => null;

        public void AdjustGradients(IReadOnlyList<Parameter> parameters)
        {
            if (_guidance.Count == 0)
            {
                return;
            }

            using var noGrad = torch.no_grad();
            for (var i = 0; i < parameters.Count; i++)
            {
                parameters[i].grad?.mul_(_guidance[i]);
            }
        }

        public float[]? EndFit(ClientFitOutcome outcome)
        {
            if (_guidance.Count > 0 || _context?.Training is not { } training)
            {
                return null;
            }

            // Scout from the base model: train on, keep the parameters of the lowest epoch loss.
            var theBase = outcome.TrainedParameters;
            var best = theBase;
            var bestLoss = double.PositiveInfinity;
            var sinceBest = 0;
            for (var epoch = 0; epoch < options.ScoutEpochs && sinceBest < options.Patience; epoch++)
            {
                var loss = training.TrainEpoch();
                if (loss < bestLoss)
                {
                    (bestLoss, best, sinceBest) = (loss, training.Parameters(), 0);
                }
                else
                {
                    sinceBest++;
                }
            }

            training.LoadParameters(theBase);
            var displacement = new float[theBase.Length];
            for (var i = 0; i < displacement.Length; i++)
            {
                var d = best[i] - theBase[i];
                displacement[i] = d * d;
            }

            return displacement;
        }

        public void Dispose() => DisposeGuidance();

        private void DisposeGuidance()
        {
            foreach (var tensor in _guidance)
            {
                tensor.Dispose();
            }

            _guidance = [];
        }
    }
}
