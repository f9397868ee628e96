using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Core.Datasets;
using ActorLab.Plugins.Core.Losses;
using ActorLab.Plugins.Core.Models;
using ActorLab.Plugins.Core.Optimizers;
using ActorLab.Plugins.Core.Partitioners;
using ActorLab.Plugins.Core.Strategies;

namespace ActorLab.Plugins.Core;

/// <summary>Entry point of the core plugin: the components every scenario starts from.</summary>
public sealed class CorePlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context)
    {
        var dataDirectory = context.ResolvePath(context.GetString("dataDirectory", "data"));
        var fashionMnistDirectory = context.ResolvePath(
            context.GetString("fashionMnistDirectory", FashionMnistDataset.DebianDirectory));

        registry
            .AddLoss<CrossEntropyLoss>("cross-entropy", "Softmax cross-entropy")
            .AddLoss<ZLossOptions>("z-loss", o => new ZLoss(o), "Z-loss, shift and scale invariant (de Brebisson & Vincent)")
            .AddModel("logistic-regression", _ => new LogisticRegressionModel(), "Multinomial logistic regression (one linear layer)")
            .AddModel<MlpOptions>("mlp", o => new MlpModel(o), "Multi-layer perceptron with ReLU")
            .AddOptimizer<SgdOptions>("sgd", o => new SgdOptimizer(o), "Stochastic gradient descent")
            .AddStrategy("fedavg", _ => new FedAvg(), "Federated averaging weighted by sample count (McMahan et al.)")
            .AddPartitioner("iid", _ => new IidPartitioner(), "Uniformly random, equal-sized shards")
            .AddPartitioner<DirichletOptions>("dirichlet", o => new DirichletPartitioner(o), "Label skew: per class proportions from Dir(alpha)")
            .AddDataset("digits", _ => new DigitsDataset(Path.Combine(dataDirectory, "digits")), "UCI handwritten digits, 1,797 8x8 images (shipped in data/)")
            .AddDataset("fashion-mnist", _ => new FashionMnistDataset(fashionMnistDirectory), "Fashion-MNIST 28x28 (Debian package dataset-fashion-mnist)")
            .AddDataset("wine", _ => new SklearnCsvDataset("wine", Path.Combine(dataDirectory, "wine", "wine_data.csv")), "UCI wine, 178 rows, 13 features, 3 classes (shipped in data/)")
            .AddDataset("breast-cancer", _ => new SklearnCsvDataset("breast-cancer", Path.Combine(dataDirectory, "breast-cancer", "breast_cancer.csv")), "UCI breast cancer Wisconsin, 569 rows, 30 features, 2 classes (shipped in data/)")
            .AddPartitioner("natural", _ => new NaturalPartitioner(), "The data set's own per-device split (Synthetic)");
    }
}
