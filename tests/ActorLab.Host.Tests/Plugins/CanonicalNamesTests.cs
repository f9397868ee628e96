using ActorLab.Contracts.Bandits;
using ActorLab.Contracts.Experiments;
using ActorLab.Contracts.Games;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Optimizers;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Plugins;
using ActorLab.Host.Tests.Support;
using Xunit;

namespace ActorLab.Host.Tests.Plugins;

/// <summary>
/// The canonical names of DESIGN.md ("Names") that the plugins registered under other names are aliases: the same
/// component (same type, same options record) under both names, so scenarios read the same everywhere.
/// </summary>
public sealed class CanonicalNamesTests
{
    private static readonly Lazy<PluginCatalog> Catalog = new(() => PluginCatalogLoader.Load(Repo.Manifest));

    [Theory]
    [InlineData("lin-ts", "linear-thompson")]
    public void Bandit_policy_alias(string alias, string name) => AssertAlias<IBanditPolicy>(alias, name);

    [Theory]
    [InlineData("logz-penalty", "log-z-penalty")]
    public void Loss_alias(string alias, string name) => AssertAlias<ILoss>(alias, name);

    [Theory]
    [InlineData("chunked-ce", "chunked-cross-entropy")]
    public void Embedding_loss_alias(string alias, string name) => AssertAlias<IEmbeddingLoss>(alias, name);

    [Theory]
    [InlineData("rdpo", "dpo")]
    public void Preference_loss_alias(string alias, string name) => AssertAlias<IPreferenceLoss>(alias, name);

    [Theory]
    [InlineData("battle-of-sexes", "battle-of-the-sexes")]
    [InlineData("random-normal-form", "random-game")]
    public void Game_alias(string alias, string name) => AssertAlias<INormalFormGame>(alias, name);

    [Theory]
    [InlineData("regret-loss", "regret-transformer")]
    public void Game_agent_and_trainer_alias(string alias, string name)
    {
        AssertAlias<IGameAgent>(alias, name);
        AssertAlias<IAgentTrainer>(alias, name);
    }

    [Theory]
    [InlineData("model-soup", "model-soups")]
    public void Experiment_alias(string alias, string name) => AssertAlias<IExperiment>(alias, name);

    [Fact]
    public void Adam_is_its_own_optimizer_beside_adamw()
    {
        Assert.True(Catalog.Value.Contains<IOptimizerFactory>("adam"));
        Assert.NotEqual(Registration<IOptimizerFactory>("adamw").OptionsType, Registration<IOptimizerFactory>("adam").OptionsType);
        Assert.Equal("AdamOptimizer", Catalog.Value.Create<IOptimizerFactory>("adam", ComponentOptions.Empty).GetType().Name);
    }

    private static void AssertAlias<TContract>(string alias, string name) where TContract : class
    {
        Assert.True(Catalog.Value.Contains<TContract>(alias), $"'{alias}' is not registered as a {typeof(TContract).Name}");
        var (aliased, original) = (Registration<TContract>(alias), Registration<TContract>(name));
        Assert.Equal(original.OptionsType, aliased.OptionsType);
        Assert.StartsWith($"Alias of {name}", aliased.Description, StringComparison.Ordinal);
        Assert.Equal(original.Plugin, aliased.Plugin);
    }

    private static ComponentRegistration Registration<TContract>(string name) => Catalog.Value.Components[(typeof(TContract), name)];
}
