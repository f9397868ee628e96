using System.Globalization;
using System.Text;
using ActorLab.Host.Plugins;
using ActorLab.Host.Results.Database;
using ActorLab.Host.Scenarios;
using ActorLab.Host.Simulation;
using ActorLab.Host.Simulation.Kinds;
using Spectre.Console;

namespace ActorLab.Host.Tests.Kinds;

/// <summary>
/// A kind defined outside the host (DESIGN principle 0: a new kind is its folder plus one line in the table): it
/// counts a seeded random walk for <c>steps</c> steps, can be told to fail at a step or to wait until it is cancelled.
/// </summary>
public sealed class ToyKind : ISimulationKind
{
    public const string KindName = "toy-walk";

    public string Name => KindName;

    public HeadlineMetric Headline { get; } = new("position", "position", true, "step");

    public bool RunsOnCluster => false;

    public void Check(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request) => Prepare(scenario, catalog, request);

    public string OwnScenarioSchema => """
        {
          "type": "object",
          "required": ["kind", "steps"],
          "additionalProperties": false,
          "properties": {
            "$schema": { "type": "string" },
            "kind": { "const": "toy-walk" },
            "name": { "type": "string", "minLength": 1 },
            "seed": { "type": "integer" },
            "steps": { "type": "integer", "minimum": 1, "maximum": 1000 },
            "failAt": { "type": "integer", "minimum": 1 },
            "waitForCancel": { "type": "boolean" }
          }
        }
        """;

    public PreparedRun Prepare(ScenarioDocument scenario, PluginCatalog catalog, RunRequest request, Action<string>? status = null)
    {
        var root = scenario.Root;
        var failAt = root.TryGetProperty("failAt", out var f) ? f.GetInt32() : (int?)null;
        return new ToyRun(this, scenario, root.GetProperty("steps").GetInt32(), failAt,
            root.TryGetProperty("waitForCancel", out var w) && w.GetBoolean(), catalog);
    }

    private sealed class ToyRun(ISimulationKind kind, ScenarioDocument scenario, int steps, int? failAt, bool waitForCancel, PluginCatalog catalog)
        : PipelineRun(kind, scenario.Name, scenario.Seed, scenario.FilePath, catalog)
    {
        public override double ProgressTotal => steps;

        public override async Task<RunResult> RunInAsync(RunContext context, CancellationToken cancellationToken)
        {
            var random = new Random(Seed);
            var positions = new List<double>();
            double position = 0;
            for (var step = 1; step <= steps; step++)
            {
                if (step == failAt)
                {
                    return new ToyResult(context.Folder, RunStatus.Failed, $"the walk fell at step {step}", positions);
                }

                position += random.NextDouble() - 0.5;
                positions.Add(position);
                context.Recorder.Append([new MetricRow(step, "position", position)]);
                context.Progress(step, $"step {step}", $"step {step}/{steps}: position {position:F3}");
            }

            if (waitForCancel)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return new ToyResult(context.Folder, RunStatus.Cancelled, "cancelled by the user", positions);
                }
            }

            var csv = new StringBuilder("step,position\n");
            for (var i = 0; i < positions.Count; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{i + 1},{positions[i]:R}\n");
            }

            File.WriteAllText(Path.Combine(context.Folder, "walk.csv"), csv.ToString());
            return new ToyResult(context.Folder, RunStatus.Completed, null, positions);
        }
    }

    private sealed class ToyResult(string folder, string status, string? failure, IReadOnlyList<double> positions) : RunResult(folder, status, failure, 0)
    {
        public override string SummaryJson() => System.Text.Json.JsonSerializer.Serialize(new
        {
            kind = KindName,
            status = Status,
            failure = Failure,
            steps = positions.Count,
            finalPosition = positions.Count > 0 ? positions[^1] : 0,
            runDirectory = RunDirectory,
        });

        public override IReadOnlyList<SweepValue> SweepValues => [new("final_position", positions.Count > 0 ? positions[^1] : double.NaN)];

        public override IReadOnlyList<HeadlineCurve> HeadlineCurves =>
            positions.Count == 0 ? [] : [new("position", [.. Enumerable.Range(1, positions.Count).Select(i => (double)i)], [.. positions])];

        public override void Render(IAnsiConsole console) => console.MarkupLine($"walked {positions.Count} steps");
    }
}
