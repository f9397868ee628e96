using System.Text.Json;
using ActorLab.Contracts.Plugins;
using ActorLab.Host.Results.Database;

namespace ActorLab.Host.Plugins.Options;

/// <summary>
/// Binds a scenario's options to a declared options record, checking each given option first so that the
/// error names the JSON path, the component, the option and what is allowed: unknown option (with the nearest
/// name), wrong type, out of range, not one of the allowed values.
/// </summary>
internal static class OptionsBinder
{
    /// <summary>The bound record; <paramref name="component"/> names the component in errors (<c>loss 'z-loss'</c>).</summary>
    public static T Bind<T>(ComponentOptions options, string component) where T : class, new()
    {
        Check(typeof(T), options, component);
        return options.Bind<T>();
    }

    /// <summary>Checks <paramref name="options"/> against <paramref name="optionsType"/> without binding (scenario checks before a run).</summary>
    public static void Check(Type optionsType, ComponentOptions options, string component)
    {
        var raw = options.Raw;
        if (raw.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        if (raw.ValueKind != JsonValueKind.Object)
        {
            throw new ComponentOptionsException(options.JsonPath, $"{component}: options must be an object {{ \"option\": value, ... }}, got {Show(raw)}");
        }

        var declared = OptionsDescription.Of(optionsType, withDescriptions: false);
        var serializer = OptionsDescription.NewSerializerOptions();
        foreach (var given in raw.EnumerateObject())
        {
            var path = $"{options.JsonPath}.{given.Name}";
            var option = declared.FirstOrDefault(o => string.Equals(o.Name, given.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ComponentOptionsException(path, Unknown(component, given.Name, declared));
            object? value;
            try
            {
                value = given.Value.Deserialize(option.ClrType, serializer);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
            {
                throw new ComponentOptionsException(path, $"{component}: option '{option.Name}' expects {Article(option.TypeName)}, got {Show(given.Value)}");
            }

            if (!OptionTypes.IsFinite(value))
            {
                // A scenario's numbers are finite (ScenarioLimits), but 1e39 still overflows a float option to Infinity.
                throw new ComponentOptionsException(path, $"{component}: option '{option.Name}' = {Show(given.Value)} is out of range for {Article(option.TypeName)}; numbers must be finite");
            }

            if (option.MinimumLength is { } least && value is System.Collections.ICollection { Count: var count } && count < least)
            {
                throw new ComponentOptionsException(path, $"{component}: option '{option.Name}' = {Show(given.Value)} is too short; allowed: {option.Allowed}");
            }

            if (option.Range is { } range && !OptionTypes.InRange(range, value))
            {
                throw new ComponentOptionsException(path, $"{component}: option '{option.Name}' = {Show(given.Value)} is out of range; allowed: {option.Allowed}");
            }

            if (option.AllowedValues is { } allowed && value is not null && !allowed.Any(a => Equals(a, value)))
            {
                throw new ComponentOptionsException(path, $"{component}: option '{option.Name}' = {Show(given.Value)} is not allowed; allowed: {option.Allowed}");
            }
        }
    }

    private static string Unknown(string component, string name, IReadOnlyList<OptionDescriptor> declared)
    {
        if (declared.Count == 0)
        {
            return $"{component} has no options, so '{name}' is unknown; remove it";
        }

        var nearest = declared.MinBy(o => EditDistance.Between(name.ToLowerInvariant(), o.Name.ToLowerInvariant()))!;
        var close = EditDistance.Between(name.ToLowerInvariant(), nearest.Name.ToLowerInvariant()) <= Math.Max(2, name.Length / 3);
        var suggestion = close ? $"; did you mean '{nearest.Name}'?" : "";
        return $"{component} has no option '{name}'{suggestion} (its options: {string.Join(", ", declared.Select(o => o.Name))})";
    }

    private static string Article(string type) => ("aeiou".Contains(type[0], StringComparison.Ordinal) ? "an " : "a ") + type;

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 40 ? text[..37] + "..." : text;
    }
}
