namespace ActorLab.Contracts.State;

/// <summary>
/// A component that keeps state from one round (or step) to the next and can hand it over, so that a crashed run
/// resumes exactly where it stopped (<c>actorlab resume</c>). Federated strategies (server momentum, adaptive
/// moments, control variates) and client algorithms (SCAFFOLD's c_i) implement it.
/// Implementing it is the declaration: the host saves the state of every component that implements it after each
/// completed round and loads it into a fresh instance on resume. A component with writable fields that does not
/// implement it is taken to keep undeclared state, and resume refuses to continue a run that uses it; a component
/// whose fields are per-round scratch implements it with <see cref="ComponentState.Empty"/>.
/// Added in ActorLab.Contracts 1.2.
/// </summary>
public interface IStatefulComponent
{
    /// <summary>
    /// A copy of the state that survives a round (arrays copied, so later rounds do not change it). Called between
    /// rounds, never during one.
    /// </summary>
    ComponentState SaveState();

    /// <summary>
    /// Replaces this instance's state with <paramref name="state"/> (a fresh instance, created with the same options,
    /// before its first round). After it, the instance must behave exactly as the one that saved the state.
    /// </summary>
    void LoadState(ComponentState state);
}
