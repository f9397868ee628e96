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
        .AddBanditPolicy("epsilon-greedy", o => new EpsilonGreedy(o.Bind<EpsilonGreedyOptions>()), "Uniform arm with probability epsilon (fixed or decaying)")
        .AddBanditPolicy("ucb1", _ => new Ucb1(), "Upper confidence bound mean + sqrt(2 ln t / n) (Auer et al. 2002)")
        .AddBanditPolicy("kl-ucb", o => new KlUcb(o.Bind<KlUcbOptions>()), "KL upper confidence bound (Garivier & Cappe 2011)")
        .AddBanditPolicy("thompson", o => new ThompsonSampling(o.Bind<ThompsonOptions>()), "Thompson sampling, Beta-Bernoulli or Gaussian")
        .AddBanditPolicy("exp3", o => new Exp3(o.Bind<Exp3Options>()), "Exponential weights for adversarial bandits (Auer et al. 2002)")
        .AddBanditPolicy("softmax", o => new Softmax(o.Bind<SoftmaxOptions>()), "Boltzmann exploration")
        .AddBanditPolicy("linucb", o => new LinUcb(o.Bind<LinUcbOptions>()), "Disjoint linear UCB (Li et al. 2010)")
        .AddBanditPolicy("linear-thompson", o => new LinearThompson(o.Bind<LinearThompsonOptions>()), "Linear Thompson sampling, disjoint models (Agrawal & Goyal 2013)")
        .AddBanditPolicy("squarecb", o => new SquareCb(o.Bind<SquareCbOptions>()), "Inverse gap weighting over an online ridge oracle (Foster & Rakhlin 2020)")
        .AddBanditPolicy("neusquarecb", o => new NeuSquareCb(o.Bind<NeuralCbOptions>()), "SquareCB over an online neural regressor, squared loss (Deb et al. 2024)")
        .AddBanditPolicy("neufastcb", o => new NeuFastCb(o.Bind<NeuralCbOptions>()), "FastCB over an online neural regressor, KL loss (Deb et al. 2024)")
        .AddBanditPolicy("neuralucb", o => new NeuralUcb(o.Bind<NeuralUcbOptions>()), "Neural UCB with a diagonal gradient covariance (Zhou et al. 2020)")
        .AddBanditEnvironment("bernoulli", o => new BernoulliArms(o.Bind<StochasticArmsOptions>()), "K Bernoulli arms")
        .AddBanditEnvironment("gaussian", o => new GaussianArms(o.Bind<StochasticArmsOptions>()), "K Gaussian arms")
        .AddBanditEnvironment("linear", o => new LinearContextualArms(o.Bind<LinearContextualOptions>()), "Linear contextual arms, Gaussian contexts and noise")
        .AddBanditEnvironment("anti-ucb1", o => new AntiUcb1Adversary(o.Bind<AntiUcb1Options>()), "Adversarial sequence that starves deterministic UCB1")
        .AddBanditEnvironment("abrupt", o => new AbruptlyChangingArms(o.Bind<AbruptlyChangingOptions>()), "Bernoulli arms whose means are redrawn every period steps")
        .AddBanditEnvironment("drifting", o => new DriftingArms(o.Bind<DriftingOptions>()), "Bernoulli arms whose means drift sinusoidally")
        .AddBanditEnvironment("classification", o => new ClassificationArms(o.Bind<ClassificationArmsOptions>()), "A classification data set as a contextual bandit: arm = class, reward 1 if right");
}
