using ActorLab.Host.Bandits;
using ActorLab.Host.Games;

namespace ActorLab.Host.Results.Database;

/// <summary>
/// The end-of-run curves of bandit and game runs (their regret.csv and game.csv) in long form: one row per value, the
/// policy or agent as the series. These kinds compute their curves over all repetitions at the end, so they are written then.
/// </summary>
public static class CurveRows
{
    /// <summary>A bandit run's regret.csv.</summary>
    public static IReadOnlyList<MetricRow> Bandit(IReadOnlyList<RegretCurvePoint> curves) => curves.SelectMany(c => new[]
    {
        new MetricRow(c.Step, "pseudo_regret_mean", c.PseudoRegretMean, Series: c.Policy),
        new MetricRow(c.Step, "pseudo_regret_ci95", c.PseudoRegretCi, Series: c.Policy),
        new MetricRow(c.Step, "hindsight_regret_mean", c.HindsightRegretMean, Series: c.Policy),
        new MetricRow(c.Step, "hindsight_regret_ci95", c.HindsightRegretCi, Series: c.Policy),
        new MetricRow(c.Step, "reward_mean", c.RewardMean, Series: c.Policy),
    }).ToList();

    /// <summary>A game run's regret.csv (per agent) and game.csv.</summary>
    public static IReadOnlyList<MetricRow> Game(IReadOnlyList<AgentCurvePoint> agents, IReadOnlyList<GameCurvePoint> game) => agents.SelectMany(p => new[]
    {
        new MetricRow(p.Round, "external_regret_mean", p.ExternalRegretMean, Series: p.Agent),
        new MetricRow(p.Round, "external_regret_ci95", p.ExternalRegretCi, Series: p.Agent),
        new MetricRow(p.Round, "dynamic_regret_mean", p.DynamicRegretMean, Series: p.Agent),
        new MetricRow(p.Round, "dynamic_regret_ci95", p.DynamicRegretCi, Series: p.Agent),
    }).Concat(game.SelectMany(p => new[]
    {
        new MetricRow(p.Round, "nash_conv", p.NashConv),
        new MetricRow(p.Round, "cce_gap", p.CceGap),
        new MetricRow(p.Round, "welfare", p.Welfare),
    })).ToList();
}
