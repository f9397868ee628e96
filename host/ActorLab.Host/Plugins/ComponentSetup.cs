using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Creating and setting up a component before a run: an <see cref="ArgumentException"/> it throws there is, by the
/// .NET convention, its options refused (a checkpoint that is not there, a value out of range), so it is reported as
/// the user's mistake, with the options' JSON path and exit code 2, rather than as a crash.
/// </summary>
public static class ComponentSetup
{
    /// <summary>Runs <paramref name="setup"/>; its <see cref="ArgumentException"/> becomes a <see cref="ComponentOptionsException"/> at <paramref name="jsonPath"/>.</summary>
    public static T Checked<T>(string jsonPath, Func<T> setup)
    {
        try
        {
            return setup();
        }
        catch (ArgumentException ex)
        {
            throw new ComponentOptionsException(jsonPath, ex.Message);
        }
    }

    /// <summary>As <see cref="Checked{T}(string, Func{T})"/>, for a setup without a result.</summary>
    public static void Checked(string jsonPath, Action setup) => Checked(jsonPath, () =>
    {
        setup();
        return 0;
    });
}
