using ScottPlot;

namespace ActorLab.Host.Results;

/// <summary>Saves a plot the way every run folder keeps its pictures: a PNG for viewers and reports, an SVG beside it for papers.</summary>
public static class PlotFiles
{
    /// <summary>Writes <paramref name="pngPath"/> and the same picture as .svg next to it.</summary>
    public static void Save(Plot plot, string pngPath, int width, int height)
    {
        plot.SavePng(pngPath, width, height);
        plot.SaveSvg(Path.ChangeExtension(pngPath, ".svg"), width, height);
    }
}
