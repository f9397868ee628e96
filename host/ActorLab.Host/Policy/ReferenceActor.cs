using System.Diagnostics;
using ActorLab.Contracts.Language;
using ActorLab.Host.Federated;
using ActorLab.Host.Simulation;
using ActorLab.Telemetry;
using Akka.Actor;
using TorchSharp;

namespace ActorLab.Host.Policy;

/// <summary>
/// The reference role: a frozen copy of the policy (the SFT checkpoint, or the initialisation when there is no SFT)
/// that gives the log-probabilities of sampled responses, the anchor of the KL term.
/// </summary>
public sealed class ReferenceActor : ReceiveActor
{
    private readonly CausalLanguageModel _model;

    /// <summary>Creates the reference with the plan's initial weights.</summary>
    public ReferenceActor(PolicyPlan plan)
    {
        _model = plan.CreateModel();
        _model.eval();
        Receive<Freeze>(m => ModelParameters.Load(_model, m.Parameters));
        Receive<ComputeRepresentations>(m => Sender.Tell(new RepresentationsComputed(RepresentationSimilarity.Of(_model, m.Prompts))));
        Receive<ComputeLogProbs>(m =>
        {
            using var span = ActorLabTelemetry.Source.StartActivity("reference", ActivityKind.Internal, TraceContext.ToParent(m.Trace));
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            Sender.Tell(new LogProbsComputed(m.Step, [.. m.Batches.Select(b => b.LogProbs(_model, m.Temperature).LogProbs.contiguous().data<float>().ToArray())]));
        });
    }

    /// <summary>Props on the trainer dispatcher.</summary>
    public static Props Props(PolicyPlan plan) => Akka.Actor.Props.Create(() => new ReferenceActor(plan)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Become a frozen copy of these weights.</summary>
    public sealed record Freeze(float[] Parameters);

    /// <summary>The reference's target log-probabilities of each batch's sequences.</summary>
    public sealed record ComputeLogProbs(long Step, SequenceBatch[] Batches, double Temperature, TraceContext? Trace);

    /// <summary>Per batch, [rows * width] log-probabilities in its layout.</summary>
    public sealed record LogProbsComputed(long Step, float[][] LogProbs);

    /// <summary>The reference's (the original model's) representations of these prompts.</summary>
    public sealed record ComputeRepresentations(int[][] Prompts);

    /// <summary>[prompts, width] row-major.</summary>
    public sealed record RepresentationsComputed(float[] Representations);

    /// <inheritdoc />
    protected override void PostStop() => _model.Dispose();
}
