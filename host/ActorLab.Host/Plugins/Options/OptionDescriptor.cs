using System.ComponentModel.DataAnnotations;

namespace ActorLab.Host.Plugins.Options;

/// <summary>One option of a component's declared options record, as scenarios write it.</summary>
/// <param name="Name">The JSON name (camelCase), e.g. <c>weightDecay</c>.</param>
/// <param name="ClrType">The property's type.</param>
/// <param name="Default">The value when the scenario leaves it out.</param>
/// <param name="Description">From <c>[Description]</c>, if any.</param>
/// <param name="Range">From <c>[Range]</c>, if any.</param>
/// <param name="AllowedValues">From <c>[AllowedValues]</c>, if any.</param>
public sealed record OptionDescriptor(string Name, Type ClrType, object? Default, string? Description, RangeAttribute? Range, IReadOnlyList<object?>? AllowedValues)
{
    /// <summary>From <c>[MinLength]</c> on an array option, if any: the fewest elements a given array may have.</summary>
    public int? MinimumLength { get; init; }

    /// <summary>The JSON type for people: "number", "integer", "array of integer", "string or null", ...</summary>
    public string TypeName => OptionTypes.Describe(ClrType);

    /// <summary>What values are allowed beyond the type: "[0, 1]", "&gt; 0", "one of "a", "b"", or null.</summary>
    public string? Allowed =>
        AllowedValues is { } values ? "one of " + string.Join(", ", values.Select(OptionTypes.Format))
        : (Range, MinimumLength) switch
        {
            (null, null) => null,
            ({ } range, null) => OptionTypes.Describe(range),
            (null, { } least) => AtLeast(least),
            ({ } range, { } least) => $"{OptionTypes.Describe(range)}, {AtLeast(least)}",
        };

    private static string AtLeast(int elements) => $"at least {elements} element{(elements == 1 ? "" : "s")}";

    /// <summary>The default as JSON text ("null" when there is none).</summary>
    public string DefaultText => OptionTypes.Format(Default);
}
