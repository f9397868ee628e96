using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;

namespace ActorLab.Host.Plugins.Options;

/// <summary>How option types, ranges and values read in messages, tables and schemas.</summary>
public static class OptionTypes
{
    /// <summary>The JSON type of <paramref name="type"/> for people.</summary>
    public static string Describe(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Describe(inner) + " or null";
        }

        return JsonTypeOf(type) switch
        {
            "array" => "array of " + Describe(ElementType(type)!),
            var json => json,
        };
    }

    /// <summary>The JSON Schema <c>type</c> of <paramref name="type"/> (without nullability).</summary>
    public static string JsonTypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(string) || type.IsEnum => "string",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) || type == typeof(uint) || type == typeof(ulong) => "integer",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "number",
            _ when ElementType(type) is not null => "array",
            _ => "object",
        };
    }

    /// <summary>The element type of an array or list option, or null.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    /// <summary>A range for people: "[0, 1]", "(0, 1]", "&gt; 0", "&gt;= 1".</summary>
    public static string Describe(RangeAttribute range)
    {
        var (min, max) = Bounds(range);
        var low = double.IsNegativeInfinity(min) ? null : Number(min);
        var high = double.IsPositiveInfinity(max) ? null : Number(max);
        return (low, high) switch
        {
            (null, null) => "any",
            (_, null) => (range.MinimumIsExclusive ? "> " : ">= ") + low,
            (null, _) => (range.MaximumIsExclusive ? "< " : "<= ") + high,
            _ => $"{(range.MinimumIsExclusive ? "(" : "[")}{low}, {high}{(range.MaximumIsExclusive ? ")" : "]")}",
        };
    }

    /// <summary>The bounds as doubles; int.MaxValue, long.MaxValue and double.MaxValue read as unbounded.</summary>
    public static (double Min, double Max) Bounds(RangeAttribute range)
    {
        var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
        var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
        if (max >= int.MaxValue && (max == int.MaxValue || max == long.MaxValue || max == double.MaxValue))
        {
            max = double.PositiveInfinity;
        }

        if (min <= int.MinValue && (min == int.MinValue || min == long.MinValue || min == double.MinValue))
        {
            min = double.NegativeInfinity;
        }

        return (min, max);
    }

    /// <summary>True when <paramref name="value"/> (or each element of an array value) is inside <paramref name="range"/>.</summary>
    public static bool InRange(RangeAttribute range, object? value)
    {
        if (value is null or string)
        {
            return true;
        }

        if (value is IEnumerable items)
        {
            return items.Cast<object?>().All(item => InRange(range, item));
        }

        double number;
        try
        {
            number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            return true; // not a number: the type check reports it
        }

        var (min, max) = Bounds(range);
        return !double.IsNaN(number)
            && (range.MinimumIsExclusive ? number > min : number >= min)
            && (range.MaximumIsExclusive ? number < max : number <= max);
    }

    /// <summary>False when <paramref name="value"/> (or an element of an array value) is a floating-point NaN or infinity.</summary>
    public static bool IsFinite(object? value) => value switch
    {
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        string => true,
        IEnumerable items => items.Cast<object?>().All(IsFinite),
        _ => true,
    };

    /// <summary>A value as compact JSON text.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        double d => Number(d),
        float f => Number(f),
        _ => JsonSerializer.Serialize(value, value.GetType(), OptionsDescription.NewSerializerOptions()),
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
