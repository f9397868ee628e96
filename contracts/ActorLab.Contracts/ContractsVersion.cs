namespace ActorLab.Contracts;

/// <summary>
/// The version of the plugin SDK. The host loads a plugin only if the plugin was built against the
/// same <see cref="Major"/> version of ActorLab.Contracts; minor versions only add members.
/// </summary>
public static class ContractsVersion
{
    /// <summary>Breaking-change counter; equals the assembly's major version.</summary>
    public const int Major = 1;

    /// <summary>Additive-change counter.</summary>
    public const int Minor = 2;
}
