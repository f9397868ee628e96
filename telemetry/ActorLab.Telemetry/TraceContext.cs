using System.Diagnostics;

namespace ActorLab.Telemetry;

/// <summary>
/// Carries the W3C trace context inside messages as plain strings, so that a span started by one actor
/// (on any node) is the parent of the spans its messages cause.
/// </summary>
/// <param name="TraceParent">The W3C <c>traceparent</c> header value.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> header value, if any.</param>
public sealed record TraceContext(string TraceParent, string? TraceState)
{
    /// <summary>The context of <paramref name="activity"/>, or null when nothing is being recorded.</summary>
    public static TraceContext? From(Activity? activity) =>
        activity?.Id is { } id && activity.IdFormat == ActivityIdFormat.W3C
            ? new TraceContext(id, activity.TraceStateString)
            : null;

    /// <summary>The parent context for a span started on the receiving side; default when absent or malformed.</summary>
    public static ActivityContext ToParent(TraceContext? carried) =>
        carried is not null && ActivityContext.TryParse(carried.TraceParent, carried.TraceState, isRemote: true, out var context)
            ? context
            : default;

    /// <summary>
    /// Starts a span that outlives the current message handler (a run, a round). Unlike a <c>using</c> span,
    /// it must not stay <see cref="Activity.Current"/>: the actor's thread goes on to process other messages.
    /// </summary>
    public static Activity? StartDetached(string name, TraceContext? parent)
    {
        var previous = Activity.Current;
        var activity = ActorLabTelemetry.Source.StartActivity(name, ActivityKind.Internal, ToParent(parent));
        Activity.Current = previous;
        return activity;
    }

    /// <summary>Stops a span started with <see cref="StartDetached"/> without changing <see cref="Activity.Current"/>.</summary>
    public static void StopDetached(Activity? activity)
    {
        if (activity is null)
        {
            return;
        }

        var previous = Activity.Current;
        activity.Stop();
        Activity.Current = previous;
    }
}
