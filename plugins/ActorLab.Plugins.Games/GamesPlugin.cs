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
        .AddGame("battle-of-sexes", _ => new BattleOfTheSexes(), "Alias of battle-of-the-sexes")
        .AddGame("shapley", _ => new ShapleyGame(), "Shapley's 3 x 3 game, where fictitious play cycles")
        .AddGame<RandomGameOptions>("random-game", o => new RandomNormalFormGame(o), "Random n-player game, payoffs drawn per repetition")
        .AddGame<RandomGameOptions>("random-normal-form", o => new RandomNormalFormGame(o), "Alias of random-game")
        .AddLossSequence<LossSequenceOptions>("iid", o => new IidLosses(o), "Bernoulli losses with fixed means")
        .AddLossSequence<LossSequenceOptions>("linear-trend", o => new LinearTrendLosses(o), "Losses drifting linearly, plus noise")
        .AddLossSequence<LossSequenceOptions>("sinusoidal-trend", o => new SinusoidalTrendLosses(o), "Losses oscillating with period, plus noise")
        .AddLossSequence<LossSequenceOptions>("adversarial", o => new AdversarialLosses(o), "Loss 1 on the learner's most likely action")
        .AddGameAgent<HedgeOptions>("hedge", o => new Hedge(o), "Hedge = FTRL with entropic regulariser")
        .AddGameAgent<FtplOptions>("ftpl", o => new FollowThePerturbedLeader(o), "Follow the perturbed leader (uniform noise)")
        .AddGameAgent("regret-matching", _ => new RegretMatching(new RegretMatchingOptions()), "Hart & Mas-Colell regret matching")
        .AddGameAgent("regret-matching-plus", _ => new RegretMatching(new RegretMatchingOptions { Plus = true }), "Regret matching+ (Tammelin 2014)")
        .AddGameAgent("fictitious-play", _ => new FictitiousPlay(), "Best response to empirical frequencies (follow the leader on sequences)")
        .AddGameAgent("best-response", _ => new BestResponse(), "Best response to the last round")
        .AddGameAgent("uniform", _ => new UniformRandom(), "Uniform random play")
        .AddGameAgent<LlmAgentOptions>("llm", o => new LlmAgent(o), "An LLM behind an OpenAI-compatible endpoint (Park et al. 2025)")
        .AddGameAgent<RegretTransformerAgentOptions>("regret-transformer", o => new RegretTransformerAgent(o), "Transformer trained with the regret-loss (Park et al. 2025)")
        .AddGameAgent<RegretTransformerAgentOptions>("regret-loss", o => new RegretTransformerAgent(o), "Alias of regret-transformer (Park et al. 2025)")
        .AddAgentTrainer<RegretTransformerTrainingOptions>("regret-transformer", o => new RegretTransformerTrainer(o), "Trains the regret-loss transformer on i.i.d. loss sequences")
        .AddAgentTrainer<RegretTransformerTrainingOptions>("regret-loss", o => new RegretTransformerTrainer(o), "Alias of regret-transformer");
}
