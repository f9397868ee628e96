using System.Reflection;
using ActorLab.Contracts.State;

namespace ActorLab.Host.Resume;

/// <summary>
/// Finds components that seem to keep state across rounds without declaring it: a component that does not implement
/// <see cref="IStatefulComponent"/> but has a writable instance field, in its own type or its base types, or in the
/// readonly fields whose types its plugin assembly defines (a helper object such as a momentum buffer), is taken to
/// keep state that a resumed run would lose. Declaring <see cref="IStatefulComponent"/> (with an empty state when
/// the fields are per-round scratch) is how a plugin says what survives a round.
/// </summary>
public static class StatefulComponentCheck
{
    /// <summary>The writable fields that betray undeclared state in <paramref name="component"/>; empty when it is fine.</summary>
    public static IReadOnlyList<string> UndeclaredState(object component)
    {
        if (component is IStatefulComponent)
        {
            return [];
        }

        var fields = new List<string>();
        Walk(component.GetType(), component.GetType().Assembly, component.GetType().Name, fields, []);
        return fields;
    }

    private static void Walk(Type type, Assembly plugin, string path, List<string> fields, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            return;
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var name = $"{path}.{Readable(field.Name)}";
                // A captured primary-constructor parameter (its options, say) is a writable field that nobody writes.
                var captured = field.Name.StartsWith('<') && field.Name.EndsWith(">P", StringComparison.Ordinal);
                if (!field.IsInitOnly && !captured)
                {
                    fields.Add(name);
                }
                else if (field.FieldType.Assembly == plugin && field.FieldType.IsClass && !typeof(IStatefulComponent).IsAssignableFrom(field.FieldType))
                {
                    Walk(field.FieldType, plugin, name, fields, seen);
                }
            }
        }
    }

    // Compiler-made fields ("<options>P", "<Name>k__BackingField") read as the parameter or property they hold.
    private static string Readable(string field) => field.StartsWith('<') && field.IndexOf('>') is var end and > 0 ? field[1..end] : field;
}
