using System.Diagnostics;
using System.Reflection;
using OpenTelemetry;

namespace ActorLab.Telemetry;

/// <summary>
/// Masks the <see cref="SecretValues"/> in every span before an exporter sees it: the name, the status description,
/// the attributes and the events (an exception event's message and stack trace, a fallback's reason). A server that
/// echoes the request's <c>Authorization</c> header in an error body puts the key into exception messages, and from
/// there into spans written by libraries (Microsoft.Extensions.AI's chat spans) as well as ours. Add it before the
/// exporter (<see cref="TelemetrySetup"/> does); processors run in the order they were added.
/// </summary>
public sealed class SecretRedactionProcessor : BaseProcessor<Activity>
{
    // Activity has no public way to replace an event, so the event list is cleared through its private field and
    // rebuilt, masked. Should a runtime rename the field, a span whose events hold a secret is not exported at all.
    private static readonly FieldInfo? EventsField = typeof(Activity).GetField("_events", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        if (SecretValues.All.Count == 0)
        {
            return;
        }

        if (SecretValues.AnyIn(data.DisplayName))
        {
            data.DisplayName = SecretValues.Redact(data.DisplayName);
        }

        if (SecretValues.AnyIn(data.StatusDescription))
        {
            data.SetStatus(data.Status, SecretValues.Redact(data.StatusDescription!));
        }

        RedactTags(data);
        RedactEvents(data);
    }

    private static void RedactTags(Activity data)
    {
        var keys = data.TagObjects.Where(t => SecretValues.AnyIn(t.Value)).Select(t => t.Key).Distinct(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            // A key added more than once (AddTag) has several values: remove them all, put them back masked.
            var values = data.TagObjects.Where(t => t.Key == key).Select(t => SecretValues.Redact(t.Value)).ToList();
            foreach (var _ in values)
            {
                data.SetTag(key, null); // removes the first of them
            }

            foreach (var value in values)
            {
                data.AddTag(key, value);
            }
        }
    }

    private static void RedactEvents(Activity data)
    {
        var events = data.Events.ToList();
        if (!events.Any(e => SecretValues.AnyIn(e.Name) || e.Tags.Any(t => SecretValues.AnyIn(t.Value))))
        {
            return;
        }

        if (EventsField is null)
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded; // exporters skip spans that are not recorded
            return;
        }

        EventsField.SetValue(data, null);
        foreach (var e in events)
        {
            var tags = new ActivityTagsCollection(e.Tags.Select(t => new KeyValuePair<string, object?>(t.Key, SecretValues.Redact(t.Value))));
            data.AddEvent(new ActivityEvent(SecretValues.Redact(e.Name), e.Timestamp, tags));
        }
    }
}
