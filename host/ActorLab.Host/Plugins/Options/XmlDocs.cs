using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ActorLab.Host.Plugins.Options;

/// <summary>
/// An option's <c>&lt;summary&gt;</c> (or its positional record's <c>&lt;param&gt;</c>) from the XML documentation
/// file next to the plugin assembly: the description when the option has no <c>[Description]</c>, so a plugin
/// documents an option once.
/// </summary>
internal static partial class XmlDocs
{
    /// <summary>The documented summary of <paramref name="property"/>, or null.</summary>
    public static string? Summary(MemberInfo property)
    {
        var type = property.DeclaringType;
        var location = type?.Assembly.Location;
        if (type is null || string.IsNullOrEmpty(location))
        {
            return null;
        }

        var file = Path.ChangeExtension(location, ".xml");
        if (!File.Exists(file))
        {
            return null;
        }

        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (System.Xml.XmlException)
        {
            return null; // a broken doc file only loses descriptions
        }

        var typeName = (type.FullName ?? type.Name).Replace('+', '.');
        var members = document.Root?.Element("members")?.Elements("member").ToList() ?? [];
        var summary = members.FirstOrDefault(m => (string?)m.Attribute("name") == $"P:{typeName}.{property.Name}")?.Element("summary")
            ?? members.FirstOrDefault(m => (string?)m.Attribute("name") == $"T:{typeName}")?.Elements("param")
                .FirstOrDefault(p => (string?)p.Attribute("name") == property.Name);
        return summary is null ? null : Spaces().Replace(Text(summary), " ").Trim();
    }

    // <see cref="X"/> and <c>x</c> keep their text (or the cref's last segment).
    private static string Text(XElement element) => string.Concat(element.Nodes().Select(node => node switch
    {
        XText text => text.Value,
        XElement { Name.LocalName: "see" or "seealso" } see when !see.Nodes().Any() =>
            ((string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? "").Split('.', ':')[^1],
        XElement inner => Text(inner),
        _ => "",
    }));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
