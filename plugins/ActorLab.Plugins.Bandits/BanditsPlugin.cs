using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Bandits.Environments;
using ActorLab.Plugins.Bandits.Policies;
using ActorLab.Plugins.Bandits.Policies.Neural;

namespace ActorLab.Plugins.Bandits;

/// <summary>Entry point of the bandits plugin: multi-armed and contextual policies and environments.</summary>
public sealed class BanditsPlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
        .AddBanditPolicy<EpsilonGreedyOptions>("epsilon-greedy", o => new EpsilonGreedy(o), "Uniform arm with probability epsilon (fixed or decaying)")
        .AddBanditPolicy("ucb1", _ => new Ucb1(), "Upper confidence bound mean + sqrt(2 ln t / n) (Auer et al. 2002)")
        .AddBanditPolicy<KlUcbOptions>("kl-ucb", o => new KlUcb(o), "KL upper confidence bound (Garivier & Cappe 2011)")
        .AddBanditPolicy<ThompsonOptions>("thompson", o => new ThompsonSampling(o), "Thompson sampling, Beta-Bernoulli or Gaussian")
        .AddBanditPolicy<Exp3Options>("exp3", o => new Exp3(o), "Exponential weights for adversarial bandits (Auer et al. 2002)")
        .AddBanditPolicy<SoftmaxOptions>("softmax", o => new Softmax(o), "Boltzmann exploration")
        .AddBanditPolicy<LinUcbOptions>("linucb", o => new LinUcb(o), "Disjoint linear UCB (Li et al. 2010)")
        .AddBanditPolicy<LinearThompsonOptions>("linear-thompson", o => new LinearThompson(o), "Linear Thompson sampling, disjoint models (Agrawal & Goyal 2013)")
        .AddBanditPolicy<LinearThompsonOptions>("lin-ts", o => new LinearThompson(o), "Alias of linear-thompson (Agrawal & Goyal 2013)")
        .AddBanditPolicy<SquareCbOptions>("squarecb", o => new SquareCb(o), "Inverse gap weighting over an online ridge oracle (Foster & Rakhlin 2020)")
        .AddBanditPolicy<NeuralCbOptions>("neusquarecb", o => new NeuSquareCb(o), "SquareCB over an online neural regressor, squared loss (Deb et al. 2024)")
        .AddBanditPolicy<NeuralCbOptions>("neufastcb", o => new NeuFastCb(o), "FastCB over an online neural regressor, KL loss (Deb et al. 2024)")
        .AddBanditPolicy<NeuralUcbOptions>("neuralucb", o => new NeuralUcb(o), "Neural UCB with a diagonal gradient covariance (Zhou et al. 2020)")
        .AddBanditEnvironment<BernoulliArmsOptions>("bernoulli", o => new BernoulliArms(o), "K Bernoulli arms")
        .AddBanditEnvironment<GaussianArmsOptions>("gaussian", o => new GaussianArms(o), "K Gaussian arms")
        .AddBanditEnvironment<LinearContextualOptions>("linear", o => new LinearContextualArms(o), "Linear contextual arms, Gaussian contexts and noise")
        .AddBanditEnvironment<AntiUcb1Options>("anti-ucb1", o => new AntiUcb1Adversary(o), "Adversarial sequence that starves deterministic UCB1")
        .AddBanditEnvironment<AbruptlyChangingOptions>("abrupt", o => new AbruptlyChangingArms(o), "Bernoulli arms whose means are redrawn every period steps")
        .AddBanditEnvironment<DriftingOptions>("drifting", o => new DriftingArms(o), "Bernoulli arms whose means drift sinusoidally")
        .AddBanditEnvironment<ClassificationArmsOptions>("classification", o => new ClassificationArms(o), "A classification data set as a contextual bandit: arm = class, reward 1 if right");
}
