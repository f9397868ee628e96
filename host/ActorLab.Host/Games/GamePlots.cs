using ActorLab.Host.Results;
using ScottPlot;

namespace ActorLab.Host.Games;

/// <summary>Pictures of a game run (ScottPlot): each agent's regret curve, and the game's equilibrium gaps when there is a game.</summary>
public static class GamePlots
{
    private const int Width = 900;
    private const int Height = 500;

    /// <summary>regret.png: each agent's mean external regret by round.</summary>
    public static void Regret(IReadOnlyList<AgentCurvePoint> agents, string title, string path)
    {
        var plot = new Plot();
        foreach (var agent in agents.GroupBy(p => p.Agent))
        {
            var points = agent.OrderBy(p => p.Round).ToList();
            plot.Add.ScatterLine(points.Select(p => (double)p.Round).ToArray(), points.Select(p => p.ExternalRegretMean).ToArray()).LegendText = agent.Key;
        }

        plot.Title(title);
        plot.XLabel("round");
        plot.YLabel("external regret (mean over repetitions)");
        plot.ShowLegend(Alignment.UpperLeft);
        PlotFiles.Save(plot, path, Width, Height);
    }

    /// <summary>equilibrium.png: NashConv and the coarse-correlated-equilibrium gap of the average play by round.</summary>
    public static void Equilibrium(IReadOnlyList<GameCurvePoint> game, string title, string path)
    {
        var plot = new Plot();
        var x = game.Select(p => (double)p.Round).ToArray();
        plot.Add.ScatterLine(x, game.Select(p => p.NashConv).ToArray()).LegendText = "NashConv";
        plot.Add.ScatterLine(x, game.Select(p => p.CceGap).ToArray()).LegendText = "CCE gap";
        plot.Title(title);
        plot.XLabel("round");
        plot.YLabel("gap");
        plot.ShowLegend(Alignment.UpperRight);
        PlotFiles.Save(plot, path, Width, Height);
    }
}
