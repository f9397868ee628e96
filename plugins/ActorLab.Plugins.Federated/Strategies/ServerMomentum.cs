using ActorLab.Contracts.Federated;

namespace ActorLab.Plugins.Federated.Strategies;

/// <summary>
/// The server step with momentum shared by FedAvgM and FedLEx: with the pseudo-gradient d = w - average,
/// v &lt;- beta v + d and w &lt;- w - eta v. One instance per strategy (it keeps v across rounds).
/// </summary>
internal sealed class ServerMomentum(double learningRate, double momentum)
{
    private double[]? _velocity;

    /// <summary>The new global parameters after one step towards <paramref name="average"/>.</summary>
    public float[] Step(ReadOnlySpan<float> global, float[] average)
    {
        var pseudoGradient = ParameterMath.Difference(global, average);
        _velocity ??= new double[global.Length];
        var result = new float[global.Length];
        for (var i = 0; i < result.Length; i++)
        {
            _velocity[i] = momentum * _velocity[i] + pseudoGradient[i];
            result[i] = (float)(global[i] - learningRate * _velocity[i]);
        }

        return result;
    }

    /// <summary>The velocity v (null before the first step), copied.</summary>
    public double[]? Velocity
    {
        get => (double[]?)_velocity?.Clone();
        set => _velocity = (double[]?)value?.Clone();
    }
}
