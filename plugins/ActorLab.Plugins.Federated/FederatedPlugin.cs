using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Federated.AggregateResponses;
using ActorLab.Plugins.Federated.Datasets;
using ActorLab.Plugins.Federated.Partitioners;
using ActorLab.Plugins.Federated.Strategies;

namespace ActorLab.Plugins.Federated;

/// <summary>Entry point of the federated plugin: server strategies (with their client parts) and non-IID partitioners.</summary>
public sealed class FederatedPlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
        .AddStrategy("fedavgm", o => new FedAvgM(o.Bind<FedAvgMOptions>()), "FedAvg with server momentum (Hsu et al. 2019)")
        .AddStrategy("fedprox", o => new FedProx(o.Bind<FedProxOptions>()), "Proximal term mu/2 ||w - w_global||^2 on clients (Li et al. 2020)")
        .AddStrategy("fedadagrad", o => new AdaptiveServerOptimizer(AdaptiveRule.Adagrad, o.Bind<AdaptiveServerOptions>()), "Adagrad on the server's pseudo-gradient (Reddi et al. 2021)")
        .AddStrategy("fedadam", o => new AdaptiveServerOptimizer(AdaptiveRule.Adam, o.Bind<AdaptiveServerOptions>()), "Adam on the server's pseudo-gradient (Reddi et al. 2021)")
        .AddStrategy("fedyogi", o => new AdaptiveServerOptimizer(AdaptiveRule.Yogi, o.Bind<AdaptiveServerOptions>()), "Yogi on the server's pseudo-gradient (Reddi et al. 2021)")
        .AddStrategy("scaffold", o => new Scaffold(o.Bind<ScaffoldOptions>()), "Control variates against client drift (Karimireddy et al. 2020)")
        .AddStrategy("qfedavg", o => new QFedAvg(o.Bind<QFedAvgOptions>()), "Fair resource allocation, q-FFL (Li et al. 2020)")
        .AddStrategy("fedld", o => new FedLD(o.Bind<FedLDOptions>()), "Loss decomposition: logit regulariser + principal-gradient aggregation (Zeng et al. 2024)")
        .AddStrategy("fedlex", o => new FedLEx(o.Bind<FedLExOptions>()), "Loss exploration by scouts, gradient guidance (Interno et al. 2024)")
        .AddStrategy("median", _ => new Median(), "Coordinate-wise median (Yin et al. 2018)")
        .AddStrategy("trimmed-mean", o => new TrimmedMean(o.Bind<TrimmedMeanOptions>()), "Coordinate-wise trimmed mean (Yin et al. 2018)")
        .AddStrategy("krum", o => new Krum(o.Bind<KrumOptions>(), multi: false), "Krum (Blanchard et al. 2017)")
        .AddStrategy("multi-krum", o => new Krum(o.Bind<KrumOptions>(), multi: true), "Multi-Krum (Blanchard et al. 2017)")
        .AddStrategy("bulyan", o => new Bulyan(o.Bind<BulyanOptions>()), "Bulyan (El Mhamdi et al. 2018)")
        .AddPartitioner("pathological", o => new PathologicalPartitioner(o.Bind<PathologicalOptions>()), "k classes per client")
        .AddPartitioner("shard", o => new ShardPartitioner(o.Bind<ShardOptions>()), "Sorted-by-label shards (McMahan et al. 2017)")
        .AddPartitioner("quantity-skew", o => new QuantitySkewPartitioner(o.Bind<QuantitySkewOptions>()), "IID labels, log-normal client sizes")
        .AddDataset("synthetic", o => new SyntheticDataset(o.Bind<SyntheticOptions>()), "FedProx's Synthetic(alpha, beta), one natural shard per device (Li et al. 2020)")
        .AddDataset("linear-regression", o => new LinearRegressionDataset(o.Bind<LinearRegressionOptions>()), "x ~ N(0, I), y = x . theta* + noise (for aggregate responses)")
        .AddBagLoss("bag-level", _ => new BagLevelLoss(), "Bag means of predictions vs bag responses (Javanmard et al. 2024)")
        .AddBagLoss("instance-level", _ => new InstanceLevelLoss(), "Each prediction vs its bag's response (Javanmard et al. 2024)")
        .AddBagLoss("interpolating", o => new InterpolatingLoss(o.Bind<InterpolatingOptions>()), "L_bag + rho x within-bag spread (Javanmard et al. 2024)");
}
