using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorLab.Host.Plugins.Options;

/// <summary>
/// Reads a declared options record: its options' JSON names (as <c>ComponentOptions.Bind</c> sees them), types,
/// defaults (a new record's values), and <c>[Description]</c> (else the XML doc summary), <c>[Range]</c>, <c>[AllowedValues]</c>,
/// <c>[MinLength]</c>.
/// </summary>
public static class OptionsDescription
{
    /// <summary>
    /// Serializer options that match <c>ComponentOptions.Bind</c> (web defaults: camelCase, case-insensitive).
    /// A new instance per use: a static one would cache the plugin's types and pin its collectible load context.
    /// </summary>
    public static JsonSerializerOptions NewSerializerOptions() => new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>
    /// The options of <paramref name="optionsType"/>, in declaration order. Binding skips the descriptions
    /// (<paramref name="withDescriptions"/> false): reading the XML doc file is for people, not for every component built.
    /// </summary>
    public static IReadOnlyList<OptionDescriptor> Of(Type optionsType, bool withDescriptions = true) =>
        DamagedPluginCode.Reading(optionsType, () => Read(optionsType, withDescriptions));

    private static List<OptionDescriptor> Read(Type optionsType, bool withDescriptions)
    {
        var info = NewSerializerOptions().GetTypeInfo(optionsType);
        var defaults = Activator.CreateInstance(optionsType);
        var parameters = optionsType.GetConstructors().SelectMany(c => c.GetParameters()).ToList();
        return info.Properties.Select(property =>
        {
            var member = property.AttributeProvider as MemberInfo;
            // A positional record's attributes sit on its constructor parameter unless written [property: ...].
            var parameter = parameters.FirstOrDefault(p => member is not null && string.Equals(p.Name, member.Name, StringComparison.Ordinal));
            T? Find<T>() where T : Attribute =>
                member?.GetCustomAttribute<T>() ?? parameter?.GetCustomAttribute<T>();
            return new OptionDescriptor(
                property.Name,
                property.PropertyType,
                defaults is null || property.Get is null ? null : property.Get(defaults),
                Find<DescriptionAttribute>()?.Description ?? (member is null || !withDescriptions ? null : XmlDocs.Summary(member)),
                Find<RangeAttribute>(),
                Find<AllowedValuesAttribute>()?.Values)
            {
                MinimumLength = Find<MinLengthAttribute>()?.Length,
            };
        }).ToList();
    }
}
