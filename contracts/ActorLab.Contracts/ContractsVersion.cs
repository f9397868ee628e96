namespace ActorLab.Contracts;

/// <summary>
/// The version of the plugin SDK. The host loads a plugin built against the same <see cref="Major"/> version of
/// ActorLab.Contracts (minor versions only add members), and one built against an earlier major from 1 on when
/// every contracts type and member it references still exists here; a plugin of a later major is refused.
/// </summary>
public static class ContractsVersion
{
    /// <summary>Breaking-change counter; equals the assembly's major version.</summary>
    public const int Major = 2;

    /// <summary>Additive-change counter.</summary>
    public const int Minor = 1;
}
