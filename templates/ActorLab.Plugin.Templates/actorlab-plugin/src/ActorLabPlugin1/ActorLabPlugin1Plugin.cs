using ActorLab.Contracts.Plugins;

namespace ActorLabPlugin1;

/// <summary>The plugin's one entry point: the host calls Register once and reports name clashes with the plugin's name.</summary>
public sealed class ActorLabPlugin1Plugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
#if (kind == "loss")
        .AddLoss("example-component", o => new FocalLoss(o.Bind<FocalLossOptions>()), "Focal loss (Lin et al. 2017)");
#elif (kind == "strategy")
        .AddStrategy("example-component", o => new ServerStepFedAvg(o.Bind<ServerStepFedAvgOptions>()), "FedAvg with a server step size");
#elif (kind == "policy")
        .AddBanditPolicy("example-component", o => new ExploreThenCommit(o.Bind<ExploreThenCommitOptions>()), "Explore-then-commit");
#elif (kind == "agent")
        .AddGameAgent("example-component", o => new Hedge(o.Bind<HedgeOptions>()), "Hedge, multiplicative weights (Freund & Schapire 1997)");
#elif (kind == "model")
        .AddModel("example-component", o => new TanhNetwork(o.Bind<TanhNetworkOptions>()), "One hidden tanh layer");
#else
        .AddOptimizer("example-component", o => new SignSgd(o.Bind<SignSgdOptions>()), "signSGD (Bernstein et al. 2018)");
#endif
}
