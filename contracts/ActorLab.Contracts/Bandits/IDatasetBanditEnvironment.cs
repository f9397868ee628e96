using ActorLab.Contracts.Data;

namespace ActorLab.Contracts.Bandits;

/// <summary>
/// An environment built from the data set a bandit scenario names in its <c>dataset</c> section (a supervised data
/// set turned into a contextual bandit). The host loads the data once per run and hands the same instance to every
/// repetition's environment, before <see cref="IBanditEnvironment.Arms"/> is read or <see cref="IBanditEnvironment.Reset"/>
/// is called. The data set is shared: read it, never modify it.
/// </summary>
public interface IDatasetBanditEnvironment : IBanditEnvironment
{
    /// <summary>Gives the environment its data.</summary>
    void UseDataset(Dataset dataset);
}
