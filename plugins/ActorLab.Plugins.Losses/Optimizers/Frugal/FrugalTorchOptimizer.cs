using ActorLab.Contracts.Randomness;
using TorchSharp;
using TorchSharp.Modules;

namespace ActorLab.Plugins.Losses.Optimizers.Frugal;

/// <summary>
/// FRUGAL (Zmushko et al., "FRUGAL: Memory-Efficient Optimization by Reducing State
/// Overhead for Scalable Training", ICML 2025) with the RandK projection (the paper's coordinate variant): the
/// gradient g of every parameter tensor is split by a random set S of k = round(rho n) of its n coordinates.
/// On S, Adam with state: m = beta1 m + (1 - beta1) g_S, v = beta2 v + (1 - beta2) g_S^2,
/// w_S -= lr (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps). Off S, state-free signSGD:
/// w_i -= lr * stateFreeLearningRateScale * sign(g_i). With weight decay, w &lt;- w (1 - lr wd) first.
/// Every T steps S is redrawn (seeded by (seed, tensor index, round)) and the moments and the bias-correction step
/// t of the new coordinates start from zero (the paper's reset of statistics); a tensor whose S is all of it
/// (rho = 1) is never redrawn and keeps its state. Adam state exists only for S: 2 k floats per tensor plus k
/// indices, about 2 rho times the parameter count in all (<see cref="StateElements"/>).
/// </summary>
public sealed class FrugalTorchOptimizer : OptimizerHelper
{
    private readonly FrugalOptions _options;
    private readonly Parameter[] _parameters;
    private readonly Subspace?[] _subspaces;
    private long _steps;

    /// <summary>FRUGAL over <paramref name="parameters"/> at learning rate <paramref name="learningRate"/>.</summary>
    public FrugalTorchOptimizer(IEnumerable<Parameter> parameters, double learningRate, FrugalOptions options)
    {
        options.Validate();
        if (learningRate < 0)
        {
            throw new ArgumentException($"frugal: the learning rate must be non-negative, got {learningRate}");
        }

        _options = options;
        _parameters = [.. parameters];
        _subspaces = new Subspace?[_parameters.Length];
        _defaults = new OptimizerOptions { LearningRate = learningRate, InitialLearningRate = learningRate };
        _parameter_groups = [new ParamGroup { Parameters = _parameters, Options = new OptimizerOptions { LearningRate = learningRate, InitialLearningRate = learningRate } }];
    }

    /// <summary>Optimizer-state floats held now: Adam's first and second moments of the state-full coordinates (2 per coordinate).</summary>
    public long StateElements => 2 * StateFullCoordinates;

    /// <summary>Coordinates updated by Adam now (the size of S over all tensors).</summary>
    public long StateFullCoordinates => _subspaces.Sum(s => s?.Count ?? 0L);

    /// <summary>The state-full coordinates (flat indices, ascending) of parameter tensor <paramref name="tensor"/>; empty before the first step.</summary>
    public long[] StateFullIndices(int tensor) => _subspaces[tensor] is { Count: > 0 } s ? s.Indices.data<long>().ToArray() : [];

    /// <summary>One FRUGAL step at the group's current learning rate (which a schedule may have set).</summary>
    public override torch.Tensor step(Func<torch.Tensor>? closure = null)
    {
        if (_steps % _options.UpdateInterval == 0)
        {
            Select(_steps / _options.UpdateInterval);
        }

        _steps++;
        return _step<ParamGroup>(group =>
        {
            var lr = group.LearningRate;
            var (beta1, beta2) = (_options.Beta1, _options.Beta2);
            for (var i = 0; i < _parameters.Length; i++)
            {
                var p = _parameters[i];
                var grad = p.grad;
                if (grad is null)
                {
                    continue;
                }

                if (_options.WeightDecay > 0)
                {
                    p.mul_(1 - lr * _options.WeightDecay);
                }

                var g = grad.reshape(-1);
                var update = g.sign().mul_(lr * _options.StateFreeLearningRateScale);
                var s = _subspaces[i]!;
                if (s.Count > 0)
                {
                    s.Step++;
                    var gs = g.index_select(0, s.Indices);
                    s.M.mul_(beta1).add_(gs, alpha: 1 - beta1);
                    s.V.mul_(beta2).addcmul_(gs, gs, value: 1 - beta2);
                    var denominator = (s.V.sqrt() / Math.Sqrt(1 - Math.Pow(beta2, s.Step))).add_(_options.Epsilon);
                    update.index_copy_(0, s.Indices, s.M / denominator * (lr / (1 - Math.Pow(beta1, s.Step))));
                }

                p.view(-1).sub_(update);
            }
        }, closure);
    }

    /// <summary>Not supported: FRUGAL's state is not saved (a resumed run starts its Adam statistics afresh).</summary>
    public override StateDictionary state_dict() =>
        throw new NotSupportedException("frugal: saving the optimizer state is not supported; a resumed run starts its Adam statistics afresh");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var s in _subspaces)
            {
                s?.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>Draws S for every tensor for selection round <paramref name="round"/> (k of n coordinates without replacement).</summary>
    private void Select(long round)
    {
        for (var i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            var n = p.numel();
            var k = (long)Math.Round(_options.Density * n);
            if (_subspaces[i] is { } current && current.Count == n && k == n)
            {
                continue; // S is the whole tensor: nothing to redraw, the state carries on
            }

            var random = RandomStreams.Create(_options.Seed, "frugal", i, round);
            var order = new long[n];
            for (var j = 0L; j < n; j++)
            {
                order[j] = j;
            }

            for (var j = 0L; j < k; j++)
            {
                var swap = random.NextInt64(j, n);
                (order[j], order[swap]) = (order[swap], order[j]);
            }

            var chosen = order[..(int)k];
            Array.Sort(chosen);
            _subspaces[i]?.Dispose();
            _subspaces[i] = new Subspace(torch.tensor(chosen, device: p.device), p.dtype);
        }
    }

    /// <summary>The state-full coordinates of one tensor and their Adam state.</summary>
    private sealed class Subspace : IDisposable
    {
        public Subspace(torch.Tensor indices, torch.ScalarType dtype)
        {
            Indices = indices.DetachFromDisposeScope();
            M = torch.zeros(indices.shape[0], dtype: dtype, device: indices.device).DetachFromDisposeScope();
            V = torch.zeros(indices.shape[0], dtype: dtype, device: indices.device).DetachFromDisposeScope();
        }

        public torch.Tensor Indices { get; }

        public torch.Tensor M { get; }

        public torch.Tensor V { get; }

        public long Count => Indices.shape[0];

        public long Step { get; set; }

        public void Dispose()
        {
            Indices.Dispose();
            M.Dispose();
            V.Dispose();
        }
    }
}
