using System.Diagnostics;
using ActorLab.Contracts.Federated;
using ActorLab.Contracts.Losses;
using ActorLab.Contracts.Models;
using ActorLab.Contracts.Optimizers;
using ActorLab.Contracts.Randomness;
using ActorLab.Contracts.State;
using ActorLab.Host.Federated.Faults;
using ActorLab.Telemetry;
using ActorLab.Host.Simulation;
using Akka.Actor;
using TorchSharp;
using static TorchSharp.torch.nn;

namespace ActorLab.Host.Federated;

/// <summary>
/// One simulated federated client. Its state is its shard (row indices into the plan's data), its loss and
/// optimizer components and its strategy's client algorithm (e.g. SCAFFOLD's c_i); on <see cref="Fit"/> it builds
/// its data tensors, loads the global parameters into its trainer thread's model (<see cref="WorkerModels"/>),
/// trains locally, replies with a <see cref="FitResult"/> and lets the tensors go, so an idle client costs no
/// model and no tensor. Its shuffling stream is derived from (seed, client id, round), so its result does not
/// depend on which thread or when it runs. A plugin exception escapes to the server's supervisor, which drops
/// the client from the round and restarts it.
/// </summary>
public sealed class ClientActor : ReceiveActor
{
    private readonly int _clientId;
    private readonly FederatedRunPlan _plan;
    private readonly WorkerModels _models;
    private readonly bool _ownsModels;
    private ILoss? _loss;
    private IBagLoss? _bagLoss;
    private IOptimizerFactory? _optimizer;
    private IClientAlgorithm? _algorithm;
    private ComponentState? _resumedState;

    /// <summary>Creates the client with its id; its rows come from <c>plan.Clients</c>.</summary>
    /// <param name="clientId">The client's id.</param>
    /// <param name="plan">The run.</param>
    /// <param name="models">The trainer threads' models (the server's pool), or null for a pool of its own.</param>
    /// <param name="resumedState">Its algorithm's state when the run resumes (null: a fresh instance).</param>
    public ClientActor(int clientId, FederatedRunPlan plan, WorkerModels? models, ComponentState? resumedState = null)
    {
        _clientId = clientId;
        _resumedState = resumedState;
        _plan = plan;
        _ownsModels = models is null;
        _models = models ?? new WorkerModels(plan);
        Receive<Fit>(OnFit);
    }

    /// <summary>Props for client <paramref name="clientId"/> on the trainer dispatcher.</summary>
    public static Props Props(int clientId, FederatedRunPlan plan, WorkerModels? models = null, ComponentState? resumedState = null) =>
        Akka.Actor.Props.Create(() => new ClientActor(clientId, plan, models, resumedState)).WithDispatcher(SimulationDispatchers.Trainer);

    /// <summary>Train locally from <paramref name="GlobalParameters"/> in round <paramref name="Round"/>.</summary>
    /// <param name="Round">1-based round number.</param>
    /// <param name="GlobalParameters">The global model, flat; read only.</param>
    /// <param name="ServerExtras">Strategy-specific data sent with the model (e.g. SCAFFOLD's control variate), or null.</param>
    /// <param name="Fault">The fault to simulate this round (<see cref="ClientFault.None"/> normally).</param>
    /// <param name="Trace">The round span's context; the client.fit span becomes its child.</param>
    public sealed record Fit(int Round, float[] GlobalParameters, float[]? ServerExtras, ClientFault Fault, TraceContext? Trace);

    /// <summary>The client's reply to <see cref="Fit"/>.</summary>
    /// <param name="Round">The round it answers.</param>
    /// <param name="Update">Parameters after training, sample count, training loss and optional strategy data.</param>
    /// <param name="SamplesProcessed">Samples it trained on (less than shard x epochs for a straggler).</param>
    public sealed record FitResult(int Round, ClientUpdate Update, long SamplesProcessed)
    {
        /// <summary>Its algorithm's state after the round, when the plan keeps checkpoints and the algorithm has state.</summary>
        public ComponentState? AlgorithmState { get; init; }
    }

    /// <summary>Told to the server when a fit starts, so that it can time the call (clients.callTimeoutSeconds).</summary>
    /// <param name="Round">The round of the fit.</param>
    /// <param name="ClientId">The client.</param>
    public sealed record FitStarted(int Round, int ClientId);

    private void OnFit(Fit fit)
    {
        Sender.Tell(new FitStarted(fit.Round, _clientId));
        // No context: the server did not choose this client for tracing this round (ClientTraceSampling).
        using var activity = fit.Trace is null ? null : ActorLabTelemetry.Source.StartActivity("client.fit", ActivityKind.Internal, TraceContext.ToParent(fit.Trace));
        activity?.SetTag("actorlab.client.id", _clientId);
        activity?.SetTag("actorlab.round", fit.Round);
        activity?.SetTag("actorlab.client.samples", _plan.ShardSize(_clientId));
        try
        {
            FitInSpan(fit, activity);
        }
        catch (Exception ex)
        {
            // Rethrown for supervision (restart, round goes on without this client); the span shows which client failed.
            activity?.SetStatus(ActivityStatusCode.Error, $"{ex.GetType().Name}: {ex.Message}");
            throw;
        }
    }

    private void FitInSpan(Fit fit, Activity? activity)
    {
        EnsureReady();
        var scenario = _plan.Scenario;
        if (fit.Fault.Kind == ClientFaultKind.Crash)
        {
            throw new InjectedCrashException(_clientId, fit.Round);
        }

        if (scenario.Bags is not null)
        {
            FitOnBags(fit, activity);
            return;
        }

        var (features, labels) = Data();
        using var featuresScope = features;
        using var labelsScope = labels;
        var model = _models.Current;
        ModelParameters.Load(model, fit.GlobalParameters);
        (double Loss, double Accuracy)? initial = _plan.ClientsEvaluate
            ? ModelEvaluator.Evaluate(model, _loss!, features, labels)
            : null;
        var fullSteps = LocalTrainer.FullSteps(features.shape[0], scenario.Training.LocalEpochs, scenario.Training.BatchSize);
        var maxSteps = fit.Fault.Kind == ClientFaultKind.Straggler
            ? Math.Clamp((long)Math.Floor(fit.Fault.WorkFraction * fullSteps), 1, Math.Max(1, fullSteps - 1))
            : fullSteps;
        using var optimizer = _optimizer!.Create(model.parameters(), scenario.Training.LearningRate);
        using var generator = new torch.Generator(
            RandomStreams.DeriveSeed(scenario.Seed, "client.shuffle", _clientId, fit.Round) & 0x7FFF_FFFF_FFFF_FFFF);
        _algorithm?.BeginFit(new ClientFitContext(_clientId, fit.Round, scenario.Seed, fit.GlobalParameters, fit.ServerExtras,
            model.parameters().ToList(), scenario.Training.LearningRate)
        {
            Training = new ClientLocalTraining(model, _loss!, optimizer, features, labels, scenario.Training.BatchSize, generator),
        });
        var (trainLoss, steps, samples) = LocalTrainer.Train(model, _loss!, optimizer, features, labels,
            scenario.Training.LocalEpochs, scenario.Training.BatchSize, generator, _algorithm, maxSteps);
        var trained = ModelParameters.Flatten(model);
        var extras = _algorithm?.EndFit(new ClientFitOutcome(steps, trained));
        if (_plan.Faults.IsByzantine(_clientId))
        {
            trained = ByzantineAttack.Apply(_plan.Faults.Byzantine, fit.GlobalParameters, trained, scenario.Seed, _clientId, fit.Round);
            activity?.SetTag("actorlab.client.byzantine", _plan.Faults.Byzantine.Attack);
        }

        var update = new ClientUpdate(_clientId, trained, _plan.ShardSize(_clientId), trainLoss)
        {
            Extras = extras,
            InitialLoss = initial?.Loss,
            InitialAccuracy = initial?.Accuracy,
            CompletedWork = fullSteps == 0 ? 1.0 : steps / (double)fullSteps,
        };
        activity?.SetTag("actorlab.train.loss", trainLoss);
        activity?.SetTag("actorlab.client.steps", steps);
        Answer(fit, new FitResult(fit.Round, update, samples)
        {
            AlgorithmState = _plan.Checkpoints ? (_algorithm as IStatefulComponent)?.SaveState() : null,
        });
    }

    /// <summary>
    /// Replies with this round's injected faults: non-finite values written into the update, a slow client's
    /// wait (it holds the trainer thread, as slow compute would), a reply that travels late (the thread is free
    /// meanwhile) or is lost.
    /// </summary>
    private void Answer(Fit fit, FitResult result)
    {
        var fault = fit.Fault;
        if (fault.Corruption != UpdateCorruption.None)
        {
            var corrupted = InjectedFaults.Corrupt(result.Update.Parameters, fault.Corruption, _plan.Scenario.Seed, _clientId, fit.Round);
            result = result with { Update = result.Update with { Parameters = corrupted } };
        }

        if (fault.SlowMilliseconds > 0)
        {
            Thread.Sleep(fault.SlowMilliseconds);
        }

        if (fault.DropsReply)
        {
            return;
        }

        if (fault.ReplyDelayMilliseconds > 0)
        {
            Context.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(fault.ReplyDelayMilliseconds), Sender, result, Self);
        }
        else
        {
            Sender.Tell(result);
        }
    }

    /// <summary>
    /// A fit on aggregate responses: the client's rows in their bags, a bag loss, the same parameter exchange.
    /// (Stragglers, Byzantine attacks and strategy client algorithms do not apply here.)
    /// </summary>
    private void FitOnBags(Fit fit, Activity? activity)
    {
        var scenario = _plan.Scenario;
        var rows = (IndexedClientRows)_plan.Clients;
        var (x, _) = rows.Load(_clientId);
        using var bags = ClientBags.Create(x, rows.Responses(_clientId), _plan.Dataset.Features, scenario.Bags!, scenario.Seed, _clientId);
        var model = _models.Current;
        ModelParameters.Load(model, fit.GlobalParameters);
        double? initialLoss = _plan.ClientsEvaluate ? BagTrainer.Evaluate(model, _bagLoss!, bags) : null;
        using var optimizer = _optimizer!.Create(model.parameters(), scenario.Training.LearningRate);
        using var generator = new torch.Generator(
            RandomStreams.DeriveSeed(scenario.Seed, "client.shuffle", _clientId, fit.Round) & 0x7FFF_FFFF_FFFF_FFFF);
        var (trainLoss, _, samples) = BagTrainer.Train(model, _bagLoss!, optimizer, bags, scenario.Training.LocalEpochs, scenario.Training.BatchSize, generator);
        var update = new ClientUpdate(_clientId, ModelParameters.Flatten(model), _plan.ShardSize(_clientId), trainLoss) { InitialLoss = initialLoss };
        activity?.SetTag("actorlab.train.loss", trainLoss);
        Answer(fit, new FitResult(fit.Round, update, samples));
    }

    /// <summary>This round's data tensors (a label-flipping attacker's labels are C - 1 - y).</summary>
    private (torch.Tensor Features, torch.Tensor Labels) Data()
    {
        var (features, labels) = ClientData.TrainRows(_plan.Clients, _clientId, _plan.Dataset.Features);
        if (!_plan.Faults.IsByzantine(_clientId) || !ByzantineAttack.FlipsLabels(_plan.Faults.Byzantine))
        {
            return (features, labels);
        }

        var flipped = (_plan.Dataset.Classes - 1) - labels;
        labels.Dispose();
        return (features, flipped);
    }

    /// <summary>Creates the client's components on first use, so idle clients cost nothing.</summary>
    private void EnsureReady()
    {
        if (_optimizer is not null)
        {
            return;
        }

        var scenario = _plan.Scenario;
        if (scenario.Bags is not null)
        {
            _bagLoss = _plan.Catalog.Create<IBagLoss>(scenario.Loss.Name, scenario.Loss.Options);
        }
        else
        {
            _loss = _plan.Catalog.Create<ILoss>(scenario.Loss.Name, scenario.Loss.Options);
        }

        _optimizer = _plan.Catalog.Create<IOptimizerFactory>(scenario.Optimizer.Name, scenario.Optimizer.Options);
        _algorithm = (_plan.Catalog.Create<IAggregationStrategy>(scenario.Strategy.Name, scenario.Strategy.Options) as IClientAwareStrategy)
            ?.CreateClientAlgorithm();
        if (_resumedState is not null)
        {
            (_algorithm as IStatefulComponent)?.LoadState(_resumedState);
            _resumedState = null;
        }
    }

    /// <inheritdoc />
    protected override void PostRestart(Exception reason)
    {
        // A client restarted after throwing starts from a fresh algorithm, as it would have in the original run.
        _resumedState = null;
        base.PostRestart(reason);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_ownsModels)
        {
            _models.Dispose();
        }

        (_loss as IDisposable)?.Dispose();
        (_algorithm as IDisposable)?.Dispose();
        base.PostStop();
    }
}
