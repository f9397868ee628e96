namespace ActorLab.Host.Scenarios;

/// <summary>
/// Binds validated scenarios of one kind into its record with <see cref="ScenarioJson"/>; a kind's binder
/// (<c>BanditScenarioBinder</c>) names the kind and adds, in <see cref="Finish"/>, what the record cannot bind by
/// itself (labels, a default that depends on another field).
/// </summary>
/// <typeparam name="TBinder">The kind's binder.</typeparam>
/// <typeparam name="TScenario">The kind's scenario record.</typeparam>
public abstract class ScenarioBinder<TBinder, TScenario>
    where TBinder : ScenarioBinder<TBinder, TScenario>, new()
    where TScenario : BoundScenario
{
    private static readonly TBinder Instance = new();

    /// <summary>The scenario's <c>kind</c> this binder binds.</summary>
    protected abstract string Kind { get; }

    /// <summary>Loads and checks a scenario of this kind; throws <see cref="ScenarioException"/> listing every mistake.</summary>
    public static TScenario Load(string path) => Bind(ScenarioDocument.Load(path));

    /// <summary>Binds an already validated scenario of this kind; throws when it is of another kind.</summary>
    public static TScenario Bind(ScenarioDocument document) =>
        document.Bind(Instance.Kind, d => Instance.Finish(d, ScenarioJson.Read<TScenario>(d)));

    /// <summary>What the kind binds beyond its record's own fields (nothing by default).</summary>
    protected virtual TScenario Finish(ScenarioDocument document, TScenario scenario) => scenario;
}
