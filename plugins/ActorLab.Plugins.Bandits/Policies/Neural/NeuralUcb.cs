using System.ComponentModel.DataAnnotations;
using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Randomness;

namespace ActorLab.Plugins.Bandits.Policies.Neural;

/// <summary>Options of <see cref="NeuralUcb"/>.</summary>
public sealed record NeuralUcbOptions
{
    /// <summary>Hidden width m.</summary>
    [Range(1, int.MaxValue)]
    public int Hidden { get; init; } = 100;

    /// <summary>Step size of the online gradient descent.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Gradient steps on each new observation.</summary>
    public int UpdatesPerStep { get; init; } = 1;

    /// <summary>Exploration width nu (the paper's gamma_t, held constant as in its experiments).</summary>
    public double Nu { get; init; } = 0.1;

    /// <summary>Regularisation lambda: Z starts as lambda I.</summary>
    public double Lambda { get; init; } = 1.0;
}

/// <summary>
/// NeuralUCB (Zhou, Li &amp; Gu, "Neural Contextual Bandits with UCB-based Exploration", ICML 2020), the baseline of
/// the neural regression-oracle methods: play argmax_a f_a(x) + nu sqrt(g_a^T Z^-1 g_a), g_a = grad_theta f_a(x),
/// then Z += g g^T for the played arm. The paper divides both by the width m because its network is in the NTK
/// parametrisation (outputs scaled by sqrt(m), so gradients are O(sqrt(m))); <see cref="OnlineNetwork"/> uses the
/// standard one, where the same rule has no 1/m. As in the paper's experiments Z is kept diagonal; the gradients of the
/// one-hidden-layer network are formed in closed form (see <see cref="OnlineNetwork.GradientPieces"/>) so all K bonuses
/// cost one pass. Deviation, so the comparison isolates exploration: the network is trained online by one gradient
/// step per observation, like NeuSquareCB and NeuFastCB, not retrained on the whole history each round.
/// Deterministic (propensity 1).
/// </summary>
public sealed class NeuralUcb(NeuralUcbOptions options) : IBanditPolicy
{
    private OnlineNetwork? _network;
    private double[] _outputs = [];
    private double[] _scores = [];
    private double[] _inputTerm = [];

    // Diagonal of Z, per parameter block: W1 (m x d), b1 (m), W2 (K x m), b2 (K).
    private double[] _zW1 = [];
    private double[] _zB1 = [];
    private double[] _zW2 = [];
    private double[] _zB2 = [];
    private int _d;
    private int _m;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _network?.Dispose();
        var random = RandomStreams.Create(setup.Seed, "bandit.neuralucb", setup.Repetition);
        _network = new OnlineNetwork(setup.ContextDimension, options.Hidden, setup.Arms, random);
        _d = setup.ContextDimension;
        _m = options.Hidden;
        _outputs = new double[setup.Arms];
        _scores = new double[setup.Arms];
        _inputTerm = new double[_m];
        _zW1 = Filled(_m * _d);
        _zB1 = Filled(_m);
        _zW2 = Filled(setup.Arms * _m);
        _zB2 = Filled(setup.Arms);
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        propensity = 1;
        _network!.Predict(context, _outputs);
        var (h, v) = _network.GradientPieces(context);

        // x^2 / Z_W1 summed over inputs, once per hidden unit (shared by every arm).
        for (var i = 0; i < _m; i++)
        {
            double sum = 1 / _zB1[i];
            for (var j = 0; j < _d; j++)
            {
                sum += context[j] * (double)context[j] / _zW1[i * _d + j];
            }

            _inputTerm[i] = sum;
        }

        for (var a = 0; a < _scores.Length; a++)
        {
            double width = 1 / _zB2[a];
            for (var i = 0; i < _m; i++)
            {
                width += h[i] * (double)h[i] / _zW2[a * _m + i] + v[a * _m + i] * _inputTerm[i];
            }

            _scores[a] = _outputs[a] + options.Nu * Math.Sqrt(width);
        }

        return ArmStatistics.Argmax(_scores);
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context)
    {
        // Z += g g^T on the diagonal, with the gradient at the parameters the arm was chosen with.
        var (h, v) = _network!.GradientPieces(context);
        for (var i = 0; i < _m; i++)
        {
            var vi = v[arm * _m + i];
            _zB1[i] += vi;
            _zW2[arm * _m + i] += h[i] * (double)h[i];
            for (var j = 0; j < _d; j++)
            {
                _zW1[i * _d + j] += vi * context[j] * (double)context[j];
            }
        }

        _zB2[arm] += 1.0;
        for (var u = 0; u < options.UpdatesPerStep; u++)
        {
            _network.Step(context, arm, 0, reward, logistic: false, options.LearningRate);
        }
    }

    private double[] Filled(int length) => Enumerable.Repeat(options.Lambda, length).ToArray();
}
