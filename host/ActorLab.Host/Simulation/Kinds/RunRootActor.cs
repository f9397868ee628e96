using System.Diagnostics;
using ActorLab.Telemetry;
using Akka.Actor;

namespace ActorLab.Host.Simulation.Kinds;

/// <summary>
/// The root actor of one run, the part every kind shares: it opens the run's <c>run</c> span (the root of its trace,
/// tagged with the kind, the scenario, the run id and the kind's own tags), stops a child that fails and fails the run
/// with the root cause's message (the host lives on), and ends the run once, closing the span. A kind's root derives
/// <see cref="RunRootActor{TOutcome}"/> (its run ends in a task) or this class (its run ends in an observer).
/// </summary>
public abstract class RunRootActor : ReceiveActor
{
    private readonly string? _runId;
    private readonly string? _failingChild;
    private Activity? _run;

    /// <summary>
    /// Creates the root of a run of kind <paramref name="kind"/>; a failing child is counted in <c>actorlab.failures</c>
    /// as <paramref name="failingChild"/> ("repetition", "trainer"), or not at all when it is null.
    /// </summary>
    protected RunRootActor(string kind, string scenario, string? runId, string? failingChild = null)
    {
        Kind = kind;
        ScenarioName = scenario;
        _runId = runId;
        _failingChild = failingChild;
        Receive<ChildFailed>(m => OnChildFailed(m.Cause, Reason(m.Cause)));
    }

    /// <summary>The run's kind (<c>actorlab.kind</c>).</summary>
    protected string Kind { get; }

    /// <summary>The scenario's name (<c>actorlab.scenario</c>).</summary>
    protected string ScenarioName { get; }

    /// <summary>Whether the run has ended (<see cref="Finish"/>): what arrives after that is not its result.</summary>
    protected bool IsFinished { get; private set; }

    /// <summary>The run span's context, the parent of the spans of the run's work; null when nothing is recorded.</summary>
    protected TraceContext? RunTrace => TraceContext.From(_run);

    /// <summary>The kind's own tags on the run span, in order, after <c>actorlab.kind</c>, <c>actorlab.scenario</c> and <c>actorlab.run.id</c>.</summary>
    protected abstract IEnumerable<(string Key, object? Value)> RunSpanTags();

    /// <summary>Starts the run's work; the run span is open.</summary>
    protected abstract void StartRun();

    /// <summary>The run ended (<paramref name="failure"/>: why it failed, null when it completed); the span is closed.</summary>
    protected abstract void OnFinished(string? failure);

    /// <summary>The actor stopped before the run ended: the run was stopped from outside (Ctrl+C stops the host).</summary>
    protected virtual void OnStopped()
    {
    }

    /// <summary>A child failed and was stopped (<paramref name="reason"/>: the root cause's type and message): by default the run fails.</summary>
    protected virtual void OnChildFailed(Exception cause, string reason) => Finish(reason);

    /// <summary>The run's metric tags (<see cref="ActorLabTelemetry.RunTags(string, string)"/>).</summary>
    protected TagList Tags() => ActorLabTelemetry.RunTags(Kind, ScenarioName);

    /// <summary>The run's metric tags and one more.</summary>
    protected TagList Tags(string key, object? value) => ActorLabTelemetry.RunTags(Kind, ScenarioName, key, value);

    /// <summary>Adds a tag to the run span (what the run learns on the way: a resumed round, a teacher's accuracy).</summary>
    protected void TagRun(string key, object? value) => _run?.SetTag(key, value);

    /// <summary>Ends the run, once: a failure marks the span and counts a failed run; then the span closes and <see cref="OnFinished"/> hears it.</summary>
    protected void Finish(string? failure)
    {
        if (IsFinished)
        {
            return;
        }

        IsFinished = true;
        if (failure is not null)
        {
            _run?.SetStatus(ActivityStatusCode.Error, failure);
            ActorLabTelemetry.Failures.Add(1, Tags("actorlab.failure", "run"));
        }

        TraceContext.StopDetached(_run);
        _run = null;
        OnFinished(failure);
    }

    /// <inheritdoc />
    protected sealed override void PreStart()
    {
        _run = TraceContext.StartDetached("run", null);
        _run?.SetTag("actorlab.kind", Kind);
        _run?.SetTag("actorlab.scenario", ScenarioName);
        _run?.SetTag("actorlab.run.id", _runId);
        foreach (var (key, value) in RunSpanTags())
        {
            _run?.SetTag(key, value);
        }

        StartRun();
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(-1, -1, cause =>
    {
        if (_failingChild is not null)
        {
            ActorLabTelemetry.Failures.Add(1, Tags("actorlab.failure", _failingChild));
        }

        // Handled as a message, after what the child sent before it failed; not logged by Akka (the run reports it).
        Self.Tell(new ChildFailed(cause));
        return Directive.Stop;
    }, loggingEnabled: false);

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (!IsFinished)
        {
            OnStopped();
        }

        TraceContext.StopDetached(_run);
        base.PostStop();
    }

    /// <summary>The type and message of what made <paramref name="cause"/> (a child's constructor throwing is wrapped by Akka).</summary>
    private static string Reason(Exception cause)
    {
        var root = cause is ActorInitializationException { InnerException: { } inner } ? inner : cause;
        return $"{root.GetType().Name}: {root.Message}";
    }

    private sealed record ChildFailed(Exception Cause);
}

/// <summary>
/// The root actor of a run whose end is a task: the run's <see cref="TaskCompletionSource{TResult}"/> gets the outcome
/// (<see cref="Complete"/>), a <see cref="RunFailedException"/> with the failure's message, or is cancelled when the
/// run is stopped from outside.
/// </summary>
/// <typeparam name="TOutcome">What a completed run gives.</typeparam>
public abstract class RunRootActor<TOutcome> : RunRootActor
    where TOutcome : class
{
    private readonly TaskCompletionSource<TOutcome> _completion;
    private TOutcome? _outcome;

    /// <summary>Creates the root of a run of kind <paramref name="kind"/> that ends in <paramref name="completion"/>.</summary>
    protected RunRootActor(string kind, string scenario, string? runId, TaskCompletionSource<TOutcome> completion, string? failingChild = null)
        : base(kind, scenario, runId, failingChild) => _completion = completion;

    /// <summary>The run completed with <paramref name="outcome"/> (ignored when it has already ended).</summary>
    protected void Complete(TOutcome outcome)
    {
        if (!IsFinished)
        {
            _outcome = outcome;
            Finish(null);
        }
    }

    /// <summary>The run failed for <paramref name="reason"/> (the span's status; ignored when it has already ended).</summary>
    protected void Fail(string reason) => Finish(reason);

    /// <summary>What the run's failure says in its summary, from the span's <paramref name="reason"/>.</summary>
    protected virtual string FailureMessage(string reason) => reason;

    /// <inheritdoc />
    protected sealed override void OnFinished(string? failure)
    {
        if (failure is null)
        {
            _completion.TrySetResult(_outcome!);
        }
        else
        {
            _completion.TrySetException(new RunFailedException(FailureMessage(failure)));
        }
    }

    /// <inheritdoc />
    protected sealed override void OnStopped() => _completion.TrySetCanceled();
}
