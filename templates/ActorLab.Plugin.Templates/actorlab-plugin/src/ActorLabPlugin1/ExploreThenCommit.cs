using ActorLab.Contracts.Bandits;

namespace ActorLabPlugin1;

/// <summary>Options of <see cref="ExploreThenCommit"/>.</summary>
public sealed record ExploreThenCommitOptions
{
    /// <summary>Pulls of each arm before committing (m).</summary>
    public int PullsPerArm { get; init; } = 10;
}

/// <summary>
/// Explore-then-commit: plays the arms in turn for m rounds each, then the arm with the highest mean reward
/// (the lowest index among ties) for the rest of the repetition. Deterministic, so every propensity is 1.
/// </summary>
public sealed class ExploreThenCommit(ExploreThenCommitOptions options) : IBanditPolicy
{
    private double[] _sums = [];
    private long[] _pulls = [];
    private int _committed = -1;

    /// <inheritdoc />
    public void Reset(BanditSetup setup)
    {
        _sums = new double[setup.Arms];
        _pulls = new long[setup.Arms];
        _committed = -1;
    }

    /// <inheritdoc />
    public int Select(long step, ReadOnlySpan<float> context, out double propensity)
    {
        propensity = 1.0;
        if (step < (long)options.PullsPerArm * _sums.Length)
        {
            return (int)(step % _sums.Length);
        }

        if (_committed < 0)
        {
            _committed = 0;
            for (var arm = 1; arm < _sums.Length; arm++)
            {
                if (_sums[arm] / _pulls[arm] > _sums[_committed] / _pulls[_committed])
                {
                    _committed = arm;
                }
            }
        }

        return _committed;
    }

    /// <inheritdoc />
    public void Update(long step, int arm, double reward, ReadOnlySpan<float> context)
    {
        _sums[arm] += reward;
        _pulls[arm]++;
    }
}
