using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Federated.AggregateResponses;
using ActorLab.Plugins.Federated.Datasets;
using ActorLab.Plugins.Federated.Partitioners;
using ActorLab.Plugins.Federated.Strategies;

namespace ActorLab.Plugins.Federated;

/// <summary>
/// Entry point of the federated plugin: server strategies (with their client parts) and non-IID partitioners.
/// <c>power-of-choice</c> also picks each round's clients (Cho, Wang &amp; Joshi 2020, "Client Selection in Federated
/// Learning: Convergence Analysis and Power-of-Choice Selection Strategies": d candidates drawn by data fraction, the m
/// of them with the highest local loss train), through <see cref="Contracts.Federated.IClientSelection"/>.
/// </summary>
public sealed class FederatedPlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
        .AddStrategy<FedAvgMOptions>("fedavgm", o => new FedAvgM(o), "FedAvg with server momentum (Hsu et al. 2019)")
        .AddStrategy<FedProxOptions>("fedprox", o => new FedProx(o), "Proximal term mu/2 ||w - w_global||^2 on clients (Li et al. 2020)")
        .AddStrategy<AdaptiveServerOptions>("fedadagrad", o => new AdaptiveServerOptimizer(AdaptiveRule.Adagrad, o), "Adagrad on the server's pseudo-gradient (Reddi et al. 2021)")
        .AddStrategy<AdaptiveServerOptions>("fedadam", o => new AdaptiveServerOptimizer(AdaptiveRule.Adam, o), "Adam on the server's pseudo-gradient (Reddi et al. 2021)")
        .AddStrategy<AdaptiveServerOptions>("fedyogi", o => new AdaptiveServerOptimizer(AdaptiveRule.Yogi, o), "Yogi on the server's pseudo-gradient (Reddi et al. 2021)")
        .AddStrategy<ScaffoldOptions>("scaffold", o => new Scaffold(o), "Control variates against client drift (Karimireddy et al. 2020)")
        .AddStrategy<QFedAvgOptions>("qfedavg", o => new QFedAvg(o), "Fair resource allocation, q-FFL (Li et al. 2020)")
        .AddStrategy<FedLDOptions>("fedld", o => new FedLD(o), "Loss decomposition: logit regulariser + principal-gradient aggregation (Zeng et al. 2024)")
        .AddStrategy<FedLExOptions>("fedlex", o => new FedLEx(o), "Loss exploration by scouts, gradient guidance (Interno et al. 2024)")
        .AddStrategy("median", _ => new Median(), "Coordinate-wise median (Yin et al. 2018)")
        .AddStrategy<TrimmedMeanOptions>("trimmed-mean", o => new TrimmedMean(o), "Coordinate-wise trimmed mean (Yin et al. 2018)")
        .AddStrategy<KrumOptions>("krum", o => new Krum(o, multi: false), "Krum (Blanchard et al. 2017)")
        .AddStrategy<KrumOptions>("multi-krum", o => new Krum(o, multi: true), "Multi-Krum (Blanchard et al. 2017)")
        .AddStrategy<BulyanOptions>("bulyan", o => new Bulyan(o), "Bulyan (El Mhamdi et al. 2018)")
        .AddStrategy<PowerOfChoiceOptions>("power-of-choice", o => new PowerOfChoice(o), "Power-of-Choice client selection: of d candidates drawn by data fraction, the m with the highest loss train (Cho et al. 2020)")
        .AddPartitioner<PathologicalOptions>("pathological", o => new PathologicalPartitioner(o), "k classes per client")
        .AddPartitioner<ShardOptions>("shard", o => new ShardPartitioner(o), "Sorted-by-label shards (McMahan et al. 2017)")
        .AddPartitioner<QuantitySkewOptions>("quantity-skew", o => new QuantitySkewPartitioner(o), "IID labels, log-normal client sizes")
        .AddDataset<SyntheticOptions>("synthetic", o => new SyntheticDataset(o), "FedProx's Synthetic(alpha, beta), one natural shard per device (Li et al. 2020)")
        .AddDataset<LinearRegressionOptions>("linear-regression", o => new LinearRegressionDataset(o), "x ~ N(0, I), y = x . theta* + noise (for aggregate responses)")
        .AddBagLoss("bag-level", _ => new BagLevelLoss(), "Bag means of predictions vs bag responses (Javanmard et al. 2024)")
        .AddBagLoss("instance-level", _ => new InstanceLevelLoss(), "Each prediction vs its bag's response (Javanmard et al. 2024)")
        .AddBagLoss<InterpolatingOptions>("interpolating", o => new InterpolatingLoss(o), "L_bag + rho x within-bag spread (Javanmard et al. 2024)");
}
