using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ActorLab.Host.Results;

/// <summary>
/// report.html of a run or sweep folder: one self-contained page (no network: pictures embedded as data URIs, no
/// scripts from elsewhere) with the run's summary as a table, every picture in the folder (PNG embedded, its SVG linked),
/// the data files, the scenario and the environment (versions, machine). Built from the folder's files, so every kind
/// gets one without its own code. A small inline script marks the page with the number of pictures that loaded, which
/// the browser test reads.
/// </summary>
public static class RunReport
{
    /// <summary>Writes report.html into <paramref name="folder"/>; returns its path.</summary>
    public static string Write(string folder, string title)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title>\n<style>")
            .Append("body{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:1em;overflow:auto}")
            .Append("img{max-width:100%;border:1px solid #eee}</style></head><body>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n");

        var summaryPath = Path.Combine(folder, "summary.json");
        if (File.Exists(summaryPath))
        {
            html.Append("<h2>Summary</h2>\n<table id=\"summary\">\n");
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            foreach (var property in summary.RootElement.EnumerateObject())
            {
                html.Append("<tr><th>").Append(Encode(property.Name)).Append("</th><td>").Append(Cell(property.Value)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        var pictures = Directory.GetFiles(folder, "*.png").OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (pictures.Count > 0)
        {
            html.Append("<h2>Plots</h2>\n");
            foreach (var picture in pictures)
            {
                var name = Path.GetFileName(picture);
                html.Append("<figure><img class=\"plot\" alt=\"").Append(Encode(name)).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(File.ReadAllBytes(picture))).Append("\"><figcaption>").Append(Encode(name));
                var svg = Path.ChangeExtension(name, ".svg");
                if (File.Exists(Path.Combine(folder, svg)))
                {
                    html.Append(" (<a href=\"").Append(Encode(svg)).Append("\">SVG</a>)");
                }

                html.Append("</figcaption></figure>\n");
            }
        }

        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => f is not null && (f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".log", StringComparison.Ordinal) || f.EndsWith(".txt", StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count > 0)
        {
            html.Append("<h2>Data</h2>\n<ul>\n");
            foreach (var file in files)
            {
                html.Append("<li><a href=\"").Append(Encode(file!)).Append("\">").Append(Encode(file!)).Append("</a></li>\n");
            }

            html.Append("</ul>\n");
        }

        var scenarioPath = Path.Combine(folder, "scenario.json");
        if (File.Exists(scenarioPath))
        {
            html.Append("<h2>Scenario</h2>\n<pre id=\"scenario\">").Append(Encode(File.ReadAllText(scenarioPath))).Append("</pre>\n");
        }

        html.Append("<h2>Environment</h2>\n<table id=\"environment\">\n");
        foreach (var (key, value) in Environment())
        {
            html.Append("<tr><th>").Append(Encode(key)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n<script>\nwindow.addEventListener('load', function () {\n")
            .Append("  var images = Array.prototype.slice.call(document.querySelectorAll('img.plot'));\n")
            .Append("  var shown = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;\n")
            .Append("  document.body.setAttribute('data-plots-shown', shown + '/' + images.length);\n")
            .Append("});\n</script>\n</body></html>\n");
        var path = Path.Combine(folder, "report.html");
        File.WriteAllText(path, html.ToString());
        return path;
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object or JsonValueKind.Array => "<pre>" + Encode(JsonSerializer.Serialize(value, ResultsJson.Options)) + "</pre>",
        JsonValueKind.Number when value.TryGetDouble(out var d) && d != Math.Floor(d) => Encode(d.ToString("G6", CultureInfo.InvariantCulture)),
        JsonValueKind.Null => "",
        _ => Encode(value.ToString()),
    };

    private static IEnumerable<(string, string)> Environment()
    {
        var host = typeof(RunReport).Assembly;
        yield return ("ActorLab", host.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? host.GetName().Version?.ToString() ?? "?");
        yield return ("contracts", typeof(Contracts.ContractsVersion).Assembly.GetName().Version?.ToString() ?? "?");
        yield return ("TorchSharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?");
        yield return (".NET", RuntimeInformation.FrameworkDescription);
        yield return ("OS", RuntimeInformation.OSDescription);
        yield return ("architecture", RuntimeInformation.ProcessArchitecture.ToString());
        yield return ("logical processors", System.Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        yield return ("written", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
