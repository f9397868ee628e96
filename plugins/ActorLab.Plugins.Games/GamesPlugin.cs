using ActorLab.Contracts.Plugins;
using ActorLab.Plugins.Games.Agents;
using ActorLab.Plugins.Games.Agents.Llm;
using ActorLab.Plugins.Games.Agents.RegretTransformer;
using ActorLab.Plugins.Games.Games;
using ActorLab.Plugins.Games.Sequences;

namespace ActorLab.Plugins.Games;

/// <summary>Entry point of the games plugin: repeated normal-form games, loss sequences, and the agents that play them.</summary>
public sealed class GamesPlugin : IActorLabPlugin
{
    /// <inheritdoc />
    public void Register(IComponentRegistry registry, PluginContext context) => registry
        .AddGame("rock-paper-scissors", _ => new RockPaperScissors(), "Zero-sum, uniform equilibrium")
        .AddGame("matching-pennies", _ => new MatchingPennies(), "Zero-sum 2 x 2, equilibrium (1/2, 1/2)")
        .AddGame("prisoners-dilemma", _ => new PrisonersDilemma(), "R = 3, S = 0, T = 5, P = 1")
        .AddGame("battle-of-the-sexes", _ => new BattleOfTheSexes(), "Coordination with conflicting preferences")
        .AddGame("shapley", _ => new ShapleyGame(), "Shapley's 3 x 3 game, where fictitious play cycles")
        .AddGame("random-game", o => new RandomNormalFormGame(o.Bind<RandomGameOptions>()), "Random n-player game, payoffs drawn per repetition")
        .AddLossSequence("iid", o => new IidLosses(o.Bind<LossSequenceOptions>()), "Bernoulli losses with fixed means")
        .AddLossSequence("linear-trend", o => new LinearTrendLosses(o.Bind<LossSequenceOptions>()), "Losses drifting linearly, plus noise")
        .AddLossSequence("sinusoidal-trend", o => new SinusoidalTrendLosses(o.Bind<LossSequenceOptions>()), "Losses oscillating with period, plus noise")
        .AddLossSequence("adversarial", o => new AdversarialLosses(o.Bind<LossSequenceOptions>()), "Loss 1 on the learner's most likely action")
        .AddGameAgent("hedge", o => new Hedge(o.Bind<HedgeOptions>()), "Hedge = FTRL with entropic regulariser")
        .AddGameAgent("ftpl", o => new FollowThePerturbedLeader(o.Bind<FtplOptions>()), "Follow the perturbed leader (uniform noise)")
        .AddGameAgent("regret-matching", _ => new RegretMatching(new RegretMatchingOptions()), "Hart & Mas-Colell regret matching")
        .AddGameAgent("regret-matching-plus", _ => new RegretMatching(new RegretMatchingOptions { Plus = true }), "Regret matching+ (Tammelin 2014)")
        .AddGameAgent("fictitious-play", _ => new FictitiousPlay(), "Best response to empirical frequencies (follow the leader on sequences)")
        .AddGameAgent("best-response", _ => new BestResponse(), "Best response to the last round")
        .AddGameAgent("uniform", _ => new UniformRandom(), "Uniform random play")
        .AddGameAgent("llm", o => new LlmAgent(o.Bind<LlmAgentOptions>()), "An LLM behind an OpenAI-compatible endpoint (Park et al. 2025)")
        .AddGameAgent("regret-transformer", o => new RegretTransformerAgent(o.Bind<RegretTransformerAgentOptions>()), "Transformer trained with the regret-loss (Park et al. 2025)")
        .AddAgentTrainer("regret-transformer", o => new RegretTransformerTrainer(o.Bind<RegretTransformerTrainingOptions>()), "Trains the regret-loss transformer on i.i.d. loss sequences");
}
