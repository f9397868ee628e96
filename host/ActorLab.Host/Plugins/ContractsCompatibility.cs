using System.Reflection;
using System.Reflection.Metadata;
using ActorLab.Contracts;
using ActorLab.Contracts.Plugins;

namespace ActorLab.Host.Plugins;

/// <summary>
/// Whether a plugin built against some ActorLab.Contracts version can run on this host's, decided from the plugin's
/// metadata without loading it. The host's major loads. An earlier major, from <see cref="OldestMajor"/> on, loads
/// when everything the plugin references in ActorLab.Contracts still exists: each type by its full name, and each
/// member it calls or reads by name, generic arity and parameter count (the runtime binds a reference to an older
/// contracts assembly to the host's newer one, so a plugin whose interfaces did not change needs no rebuild). A later
/// major, or one before <see cref="OldestMajor"/>, is refused.
/// </summary>
public static class ContractsCompatibility
{
    /// <summary>The oldest contracts major whose plugins may still load, when they use only what this version kept.</summary>
    public const int OldestMajor = 1;

    /// <summary>At most this many missing references are named; the rest are counted.</summary>
    private const int Named = 5;

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The host's contracts types another assembly can reference, by reflection name.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, Type>> Types = new(() => typeof(IActorLabPlugin).Assembly.GetTypes()
        .Where(t => t.IsPublic || t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem)
        .ToDictionary(t => t.FullName!, StringComparer.Ordinal));

    /// <summary>
    /// Null when a plugin whose metadata is <paramref name="reader"/>, built against contracts
    /// <paramref name="built"/> (its reference <paramref name="contracts"/>), can load here; otherwise why not, in one
    /// line ending with the fix.
    /// </summary>
    public static string? Check(MetadataReader reader, AssemblyReferenceHandle contracts, Version built)
    {
        var host = $"{ContractsVersion.Major}.{ContractsVersion.Minor}";
        if (built.Major == ContractsVersion.Major)
        {
            return null;
        }

        if (built.Major > ContractsVersion.Major || built.Major < OldestMajor)
        {
            return $"built against ActorLab.Contracts {built.ToString(2)}, this host supports {ContractsVersion.Major}.x; rebuild the plugin against ActorLab.Contracts {host}";
        }

        var missing = MissingReferences(reader, contracts);
        if (missing.Count == 0)
        {
            return null;
        }

        var named = string.Join(", ", missing.Take(Named)) + (missing.Count > Named ? $" and {missing.Count - Named} more" : "");
        return $"built against ActorLab.Contracts {built.ToString(2)} and uses {named}, which ActorLab.Contracts {ContractsVersion.Major}.x moved into the host or removed; rebuild it against ActorLab.Contracts {host}";
    }

    /// <summary>The plugin's references into ActorLab.Contracts that this host's contracts lack, sorted.</summary>
    public static IReadOnlyList<string> MissingReferences(MetadataReader reader, AssemblyReferenceHandle contracts)
    {
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in reader.TypeReferences)
        {
            if (ContractsTypeName(reader, handle, contracts) is { } name && !Types.Value.ContainsKey(name))
            {
                missing.Add(Display(name));
            }
        }

        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            var parent = member.Parent.Kind switch
            {
                HandleKind.TypeReference => (TypeReferenceHandle)member.Parent,
                HandleKind.TypeSpecification => GenericDefinition(reader, (TypeSpecificationHandle)member.Parent),
                _ => default,
            };
            if (parent.IsNil || ContractsTypeName(reader, parent, contracts) is not { } typeName || !Types.Value.TryGetValue(typeName, out var type))
            {
                continue; // not a contracts type, or a missing type already named
            }

            var name = reader.GetString(member.Name);
            if (!HasMember(type, name, member.GetKind(), reader.GetBlobReader(member.Signature)))
            {
                missing.Add($"{Display(typeName)}.{name}");
            }
        }

        return [.. missing];
    }

    /// <summary>The reflection name (nested types after '+') of a type the plugin takes from ActorLab.Contracts, or null.</summary>
    private static string? ContractsTypeName(MetadataReader reader, TypeReferenceHandle handle, AssemblyReferenceHandle contracts)
    {
        var reference = reader.GetTypeReference(handle);
        var name = reader.GetString(reference.Name);
        if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return ContractsTypeName(reader, (TypeReferenceHandle)reference.ResolutionScope, contracts) is { } outer ? $"{outer}+{name}" : null;
        }

        if (reference.ResolutionScope.Kind != HandleKind.AssemblyReference || (AssemblyReferenceHandle)reference.ResolutionScope != contracts)
        {
            return null;
        }

        var space = reader.GetString(reference.Namespace);
        return space.Length == 0 ? name : $"{space}.{name}";
    }

    /// <summary>The generic type a member of a generic instantiation (e.g. <c>ComponentState`1&lt;int&gt;</c>) belongs to, or nil.</summary>
    private static TypeReferenceHandle GenericDefinition(MetadataReader reader, TypeSpecificationHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return default;
        }

        blob.ReadSignatureTypeCode(); // class or value type
        var definition = blob.ReadTypeHandle();
        return definition.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)definition : default;
    }

    /// <summary>Whether <paramref name="type"/> or a type it inherits has a member a plugin can reference with this name and shape.</summary>
    private static bool HasMember(Type type, string name, MemberReferenceKind kind, BlobReader signature)
    {
        var candidates = Hierarchy(type).SelectMany(t => t.GetMembers(Declared)).Where(m => m.Name == name && Reachable(m));
        if (kind == MemberReferenceKind.Field)
        {
            return candidates.OfType<FieldInfo>().Any();
        }

        var header = signature.ReadSignatureHeader();
        if (header.Kind != SignatureKind.Method)
        {
            return candidates.Any();
        }

        var arity = header.IsGeneric ? signature.ReadCompressedInteger() : 0;
        var parameters = signature.ReadCompressedInteger();
        return candidates.OfType<MethodBase>().Any(m =>
            m.GetParameters().Length == parameters && (m.IsGenericMethodDefinition ? m.GetGenericArguments().Length : 0) == arity);
    }

    /// <summary>The type, its base classes and (for interfaces and classes alike) the interfaces it inherits.</summary>
    private static IEnumerable<Type> Hierarchy(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            yield return t;
        }

        foreach (var inherited in type.GetInterfaces())
        {
            yield return inherited;
        }
    }

    /// <summary>Public or protected: what another assembly can reference.</summary>
    private static bool Reachable(MemberInfo member) => member switch
    {
        MethodBase m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly,
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        _ => true,
    };

    private static string Display(string reflectionName) => reflectionName.Replace('+', '.');
}
