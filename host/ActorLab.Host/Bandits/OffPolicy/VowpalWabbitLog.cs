using System.Globalization;
using System.Text;

namespace ActorLab.Host.Bandits.OffPolicy;

/// <summary>
/// Logged bandit data in Vowpal Wabbit's contextual-bandit text format (the <c>--cb</c> label), so logs from other
/// tools can be evaluated here and ours elsewhere: one line per step, <c>action:cost:probability | features</c>, with
/// a 1-based action, cost = -reward, and features as <c>name:value</c> (or <c>name</c> for value 1). Exported context
/// coordinates are named <c>f0</c>, <c>f1</c>, ... and read back into those columns; on import of other names every
/// distinct feature name gets the next column, in the order first seen (one file = one column mapping), and
/// zero-valued features may be omitted.
/// </summary>
public static class VowpalWabbitLog
{
    /// <summary>Writes the steps as VW cb lines.</summary>
    public static string Write(IEnumerable<LoggedStep> steps)
    {
        var text = new StringBuilder();
        foreach (var step in steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"{step.Action + 1}:{F(0.0 - step.Reward)}:{F(step.Propensity)} |"); // 0 - r, not -r: no "-0"
            for (var j = 0; j < step.Context.Length; j++)
            {
                if (step.Context[j] != 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $" f{j}:{F(step.Context[j])}");
                }
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Reads VW cb lines; lines without a label (prediction-only) are skipped. Errors name the line.</summary>
    public static (IReadOnlyList<LoggedStep> Steps, IReadOnlyList<string> FeatureNames) Read(string text)
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var parsed = new List<(int Action, double Reward, double Propensity, List<(int Column, float Value)> Features)>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var bar = line.IndexOf('|');
            if (bar < 0)
            {
                throw new FormatException($"line {lineNumber}: expected 'action:cost:probability | features', found no '|'");
            }

            var label = line[..bar].Trim();
            if (label.Length == 0)
            {
                continue;
            }

            var parts = label.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0].Split(':');
            if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var action) || action < 1
                || !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var cost)
                || !double.TryParse(parts[2], CultureInfo.InvariantCulture, out var probability) || probability is <= 0 or > 1)
            {
                throw new FormatException($"line {lineNumber}: label '{label}' is not action:cost:probability with action >= 1 and 0 < probability <= 1");
            }

            var features = new List<(int, float)>();
            foreach (var token in line[(bar + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = token.LastIndexOf(':');
                var name = colon > 0 ? token[..colon] : token;
                var value = colon > 0 ? float.Parse(token[(colon + 1)..], CultureInfo.InvariantCulture) : 1f;
                if (!names.TryGetValue(name, out var column))
                {
                    column = names.Count;
                    names[name] = column;
                }

                features.Add((column, value));
            }

            parsed.Add((action - 1, -cost, probability, features));
        }

        // Our own exports name coordinate j "f{j}" and omit zeros: put each back in its column, whatever order they were first seen in.
        var ours = names.Count > 0 && names.Keys.All(n => n.Length > 1 && n[0] == 'f' && n[1..].All(char.IsAsciiDigit) && n[1..].Length < 9);
        var columnOf = ours ? names.ToDictionary(n => n.Value, n => int.Parse(n.Key[1..], CultureInfo.InvariantCulture)) : names.Values.ToDictionary(c => c, c => c);
        var width = ours ? columnOf.Values.Max() + 1 : names.Count;
        var steps = parsed.Select(p =>
        {
            var context = new float[width];
            foreach (var (column, value) in p.Features)
            {
                context[columnOf[column]] = value;
            }

            return new LoggedStep(context, p.Action, p.Reward, p.Propensity);
        }).ToList();
        var featureNames = ours
            ? Enumerable.Range(0, width).Select(j => $"f{j}").ToList()
            : names.OrderBy(n => n.Value).Select(n => n.Key).ToList();
        return (steps, featureNames);
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
