namespace ActorLab.Host.Scenarios;

/// <summary>A component a scenario names and the contract it must be registered under.</summary>
/// <param name="Choice">The scenario's choice (name, options, JSON path).</param>
/// <param name="Contract">The component contract, e.g. <c>typeof(ILoss)</c>.</param>
public sealed record ComponentSlot(ComponentChoice Choice, Type Contract)
{
    /// <summary>The slot of <paramref name="choice"/> for contract <typeparamref name="T"/>.</summary>
    public static ComponentSlot Of<T>(ComponentChoice choice) => new(choice, typeof(T));
}
