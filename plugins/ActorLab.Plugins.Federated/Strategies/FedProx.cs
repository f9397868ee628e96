using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.State;
using TorchSharp;
using TorchSharp.Modules;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>Options of <see cref="FedProx"/>.</summary>
public sealed record FedProxOptions
{
    /// <summary>Proximal coefficient mu (the FedProx paper tries 0.001 to 1).</summary>
    [Range(0.0, double.MaxValue)]
    public double Mu { get; init; } = 0.01;
}

/// <summary>
/// FedProx of Li et al., "Federated Optimization in Heterogeneous Networks" (MLSys 2020): each client
/// minimises F_k(w) + mu/2 ||w - w_global||^2; the server averages as FedAvg (sample-weighted). The proximal
/// term enters as its gradient, grad += mu (w - w_global), added after backward: the same update as adding
/// the term to the loss, with two tensor operations per parameter instead of a graph through every weight.
/// The reported training loss is F_k without the term. Unlike FedAvg, it aggregates stragglers' partial work.
/// </summary>
public sealed class FedProx(FedProxOptions options) : IAggregationStrategy, IClientAwareStrategy, IPartialWorkPolicy
{
    /// <inheritdoc />
    public float[] Aggregate(AggregationContext context, ReadOnlySpan<float> global, IReadOnlyList<ClientUpdate> updates) =>
        ParameterMath.WeightedMean(updates, global.Length);

    /// <summary>FedProx aggregates the partial solutions of stragglers (the paper's "tolerating partial work").</summary>
    public bool UsesPartialUpdates => true;

    /// <inheritdoc />
    public IClientAlgorithm CreateClientAlgorithm() => new ProximalClient(options.Mu);

    /// <inheritdoc />
    public float[]? ServerExtras(int round) => null;

    private sealed class ProximalClient(double mu) : IClientAlgorithm, IDisposable, IStatefulComponent
    {
        // Its global copy lives for one round only (set in BeginFit): nothing survives a round.
        public ComponentState SaveState() => ComponentState.Empty;

        public void LoadState(ComponentState state)
        {
        }

        private List<torch.Tensor> _global = [];

        public void BeginFit(ClientFitContext context)
        {
            DisposeGlobal();
            using var noGrad = torch.no_grad();
            _global = context.Parameters.Select(p => p.detach().clone()).ToList();
        }

        public torch.Tensor? Regularizer(IReadOnlyList<Parameter> parameters, torch.Tensor logits) => null;

        public void AdjustGradients(IReadOnlyList<Parameter> parameters)
        {
            if (mu == 0)
            {
                return;
            }

            using var noGrad = torch.no_grad();
            for (var i = 0; i < parameters.Count; i++)
            {
                if (parameters[i].grad is { } grad)
                {
                    using var difference = parameters[i].detach() - _global[i];
                    grad.add_(difference, alpha: mu);
                }
            }
        }

        public float[]? EndFit(ClientFitOutcome outcome)
        {
            DisposeGlobal();
            return null;
        }

        public void Dispose() => DisposeGlobal();

        private void DisposeGlobal()
        {
            foreach (var tensor in _global)
            {
                tensor.Dispose();
            }

            _global = [];
        }
    }
}
