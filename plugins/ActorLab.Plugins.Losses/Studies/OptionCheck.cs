namespace ActorLab.Plugins.Losses.Studies;

/// <summary>The studies' option validation: one message shape naming the component, the option and what it must be.</summary>
internal static class OptionCheck
{
    /// <summary>Throws <see cref="ArgumentException"/> "component: option 'name' must be expected" unless <paramref name="condition"/>.</summary>
    public static void Require(bool condition, string component, string option, string expected)
    {
        if (!condition)
        {
            throw new ArgumentException($"{component}: option '{option}' must be {expected}");
        }
    }
}
