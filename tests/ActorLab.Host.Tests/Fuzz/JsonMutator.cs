using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorLab.Host.Tests.Fuzz;

/// <summary>
/// A seeded generator of broken variants of a JSON input file (plugins.json or a scenario): syntax breaks, wrong
/// types, extreme numbers, huge arrays, deep nesting, wrong paths, unknown fields, empty files and duplicate keys.
/// The same seed gives the same bytes, so a failing case is reproduced from its number alone.
/// </summary>
public sealed class JsonMutator(string original)
{
    /// <summary>One mutated file and what was done to it (for the failure report).</summary>
    public sealed record Case(byte[] Bytes, string Description);

    private static readonly string[] ExtremeNumbers =
    [
        "0", "-1", "1e308", "-1e308", "\"NaN\"", "\"Infinity\"", "2147483648", "-2147483649", "9223372036854775808", "1e-320", "1e400",
        "99999999999999999999999999999999999999", "4294967296", "0.5", "-0", "1E+2",
    ];

    private static readonly string[] WrongPaths =
    [
        "missing/Missing.dll", "build/plugins", "/dev/zero", "../../etc/passwd", "..", ".", "", " ", "/", "plugins.json",
        "build/plugins/ActorLab.Plugins.Core/ActorLab.Plugins.Core.deps.json", "build/plugins/ActorLab.Plugins.Core/../../../x.dll",
        "/proc/self/mem", "nul", "C:\\Windows\\x.dll", "a\u0000b.dll", new string('a', 5000), "build//plugins/./ActorLab.Plugins.Core/ActorLab.Plugins.Core.dll",
        "~/x.dll", "$HOME/x.dll", "file:///etc/passwd", "data", "/tmp", "data/../../..",
    ];

    private const int DeepNesting = 10_000;
    private const int HugeArray = 100_000;

    /// <summary>Case number <paramref name="seed"/>: one to three mutations.</summary>
    public Case Mutate(int seed)
    {
        var random = new Random(seed);
        var text = original;
        var done = new List<string>();
        var count = 1 + (random.Next(4) == 0 ? random.Next(1, 3) : 0);
        byte[]? bytes = null;
        for (var i = 0; i < count && bytes is null; i++)
        {
            var kind = random.Next(16);
            done.Add(kind switch
            {
                0 => Truncate(random, ref text),
                1 => DeleteChars(random, ref text),
                2 => InsertChars(random, ref text),
                3 => Unbalance(random, ref text),
                4 => TrailingComma(random, ref text),
                5 => Comment(random, ref text),
                6 => Bom(ref bytes, text),
                7 => InvalidUtf8(random, ref bytes, text),
                8 or 9 => Structural(random, ref text, WrongType),
                10 => Structural(random, ref text, Extreme),
                11 => Structural(random, ref text, Huge),
                12 => Structural(random, ref text, Deep),
                13 => Structural(random, ref text, WrongPath),
                14 => Structural(random, ref text, UnknownField),
                _ => random.Next(5) == 0 ? Empty(random, ref text) : Structural(random, ref text, DuplicateKey),
            });
        }

        return new Case(bytes ?? Encoding.UTF8.GetBytes(text), string.Join("; ", done));
    }

    private static string Truncate(Random random, ref string text)
    {
        var at = random.Next(text.Length + 1);
        text = text[..at];
        return $"truncated at {at}";
    }

    private static string DeleteChars(Random random, ref string text)
    {
        if (text.Length == 0)
        {
            return "delete (empty)";
        }

        var at = random.Next(text.Length);
        var n = Math.Min(random.Next(1, 6), text.Length - at);
        text = text.Remove(at, n);
        return $"deleted {n} at {at}";
    }

    private static string InsertChars(Random random, ref string text)
    {
        const string alphabet = "{}[]\",:\\ \n\t0123456789eE.-+tfnulrsaxz\u00e9\u0000\u0001/*";
        var at = random.Next(text.Length + 1);
        var inserted = new string(Enumerable.Range(0, random.Next(1, 6)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        text = text.Insert(at, inserted);
        return $"inserted {JsonSerializer.Serialize(inserted)} at {at}";
    }

    private static string Unbalance(Random random, ref string text)
    {
        var brace = "{}[]"[random.Next(4)];
        var at = random.Next(text.Length + 1);
        text = text.Insert(at, brace.ToString());
        return $"unbalanced '{brace}' at {at}";
    }

    private static string TrailingComma(Random random, ref string text)
    {
        var current = text;
        var closers = Enumerable.Range(0, current.Length).Where(i => current[i] is '}' or ']').ToList();
        if (closers.Count == 0)
        {
            return "trailing comma (none)";
        }

        var at = closers[random.Next(closers.Count)];
        text = text.Insert(at, random.Next(2) == 0 ? "," : ",,");
        return $"trailing comma at {at}";
    }

    private static string Comment(Random random, ref string text)
    {
        var current = text;
        var spaces = Enumerable.Range(0, current.Length).Where(i => char.IsWhiteSpace(current[i])).ToList();
        var at = spaces.Count == 0 ? 0 : spaces[random.Next(spaces.Count)];
        var comment = random.Next(3) switch { 0 => "/* comment */", 1 => "// comment\n", _ => "/* unterminated" };
        text = text.Insert(at, comment);
        return $"comment {JsonSerializer.Serialize(comment)} at {at}";
    }

    private static string Bom(ref byte[]? bytes, string text)
    {
        bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
        return "BOM";
    }

    private static string InvalidUtf8(Random random, ref byte[]? bytes, string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text).ToList();
        byte[][] bad = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x28, 0x8C, 0x28], [0xC0, 0x80], [0xED, 0xA0, 0x80]];
        var at = random.Next(utf8.Count + 1);
        var which = bad[random.Next(bad.Length)];
        utf8.InsertRange(at, which);
        bytes = [.. utf8];
        return $"invalid UTF-8 {Convert.ToHexString(which)} at byte {at}";
    }

    private static string Empty(Random random, ref string text)
    {
        text = random.Next(3) switch { 0 => "", 1 => "   \n", _ => "null" };
        return $"empty file {JsonSerializer.Serialize(text)}";
    }

    /// <summary>A change at a random JSON path: parse, change one node, write back (raw text spliced in where needed).</summary>
    private static string Structural(Random random, ref string text, Func<Random, List<(string Path, JsonNode Node)>, JsonNode, (string, Func<string, string>?)> change)
    {
        JsonNode? root;
        var nodes = new List<(string Path, JsonNode Node)>();
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (root is not null)
            {
                Collect(root, "$", nodes); // JsonNode parses objects lazily: a duplicate key throws here
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return InsertChars(random, ref text); // already broken by an earlier mutation
        }

        if (root is null)
        {
            return "structural (null root)";
        }

        var (description, splice) = change(random, nodes, root);
        var written = root.ToJsonString(new JsonSerializerOptions { WriteIndented = random.Next(2) == 0 });
        text = splice is null ? written : splice(written);
        return description;
    }

    private static void Collect(JsonNode node, string path, List<(string, JsonNode)> into)
    {
        into.Add((path, node));
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is not null)
                    {
                        Collect(value, $"{path}.{key}", into);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        Collect(item, $"{path}[{i}]", into);
                    }
                }

                break;
        }
    }

    /// <summary>Replaces <paramref name="node"/> by a placeholder string and returns the splice that puts <paramref name="raw"/> there.</summary>
    private static Func<string, string> Replace(JsonNode node, JsonNode root, string raw)
    {
        var marker = $"__FUZZ_{Guid.NewGuid():N}__";
        if (ReferenceEquals(node, root))
        {
            return _ => raw;
        }

        node.ReplaceWith(marker);
        return written => written.Replace($"\"{marker}\"", raw, StringComparison.Ordinal);
    }

    private static (string, Func<string, string>?) WrongType(Random random, List<(string Path, JsonNode Node)> nodes, JsonNode root)
    {
        var (path, node) = nodes[random.Next(nodes.Count)];
        string[] values = ["\"text\"", "42", "-3.5", "true", "false", "null", "[]", "[1, \"a\", null]", "{}", "{ \"x\": 1 }", "\"\""];
        var raw = values[random.Next(values.Length)];
        return ($"{path} := {raw}", Replace(node, root, raw));
    }

    private static (string, Func<string, string>?) Extreme(Random random, List<(string Path, JsonNode Node)> nodes, JsonNode root)
    {
        // Prefer numbers: that is where extreme values matter.
        var numbers = nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number).ToList();
        var (path, node) = numbers.Count > 0 && random.Next(4) != 0 ? numbers[random.Next(numbers.Count)] : nodes[random.Next(nodes.Count)];
        var raw = ExtremeNumbers[random.Next(ExtremeNumbers.Length)];
        return ($"{path} := {raw}", Replace(node, root, raw));
    }

    private static (string, Func<string, string>?) Huge(Random random, List<(string Path, JsonNode Node)> nodes, JsonNode root)
    {
        var arrays = nodes.Where(n => n.Node is JsonArray).ToList();
        var (path, node) = arrays.Count > 0 && random.Next(3) != 0 ? arrays[random.Next(arrays.Count)] : nodes[random.Next(nodes.Count)];
        var element = node is JsonArray { Count: > 0 } a && a[0] is { } first ? first.ToJsonString() : random.Next(2) == 0 ? "1" : "\"x\"";
        if (element.Length > 1000 || (element.Length > 64 && random.Next(8) != 0))
        {
            // Mostly small elements: 10^5 copies of a large one are tens of megabytes to write and parse (and an
            // earlier huge mutation's 10^5 copies would not fit in a string); the count is what is under test.
            element = random.Next(2) == 0 ? "1" : "{}";
        }

        var raw = "[" + string.Join(",", Enumerable.Repeat(element, HugeArray)) + "]";
        return ($"{path} := [{HugeArray} x {element}]", Replace(node, root, raw));
    }

    private static (string, Func<string, string>?) Deep(Random random, List<(string Path, JsonNode Node)> nodes, JsonNode root)
    {
        var (path, node) = nodes[random.Next(nodes.Count)];
        var raw = random.Next(2) == 0
            ? new string('[', DeepNesting) + new string(']', DeepNesting)
            : string.Concat(Enumerable.Repeat("{\"a\":", DeepNesting)) + "1" + new string('}', DeepNesting);
        return ($"{path} := nested {DeepNesting} deep", Replace(node, root, raw));
    }

    private static (string, Func<string, string>?) WrongPath(Random random, List<(string Path, JsonNode Node)> nodes, JsonNode root)
    {
        var strings = nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.String).ToList();
        var likely = strings.Where(n => n.Path.EndsWith(".path", StringComparison.Ordinal) || n.Path.Contains("irectory", StringComparison.Ordinal)
            || n.Path.Contains("checkpoint", StringComparison.OrdinalIgnoreCase) || n.Path.EndsWith(".output", StringComparison.Ordinal)).ToList();
        var pool = likely.Count > 0 && random.Next(3) != 0 ? likely : strings;
        if (pool.Count == 0)
        {
            return ("wrong path (no string)", null);
        }

        var (path, node) = pool[random.Next(pool.Count)];
        var value = WrongPaths[random.Next(WrongPaths.Length)];
        node.ReplaceWith(value);
        return ($"{path} := {JsonSerializer.Serialize(value.Length > 40 ? value[..40] + "…" : value)}", null);
    }

    private static (string, Func<string, string>?) UnknownField(Random random, List<(string Path, JsonNode Node)> nodes, JsonNode root)
    {
        var objects = nodes.Where(n => n.Node is JsonObject).ToList();
        if (objects.Count == 0)
        {
            return ("unknown field (no object)", null);
        }

        var (path, node) = objects[random.Next(objects.Count)];
        var name = random.Next(3) switch { 0 => "unknownField", 1 => "", _ => "$schema2" };
        if (!node.AsObject().ContainsKey(name))
        {
            node.AsObject()[name] = random.Next(2) == 0 ? 1 : "x";
        }

        return ($"{path}.{name} added", null);
    }

    private static (string, Func<string, string>?) DuplicateKey(Random random, List<(string Path, JsonNode Node)> nodes, JsonNode root)
    {
        var objects = nodes.Where(n => n.Node is JsonObject { Count: > 0 }).ToList();
        if (objects.Count == 0)
        {
            return ("duplicate key (no object)", null);
        }

        var (path, node) = objects[random.Next(objects.Count)];
        var o = node.AsObject();
        var key = o.ElementAt(random.Next(o.Count)).Key;
        var marker = $"__FUZZ_DUP_{random.Next():x}__";
        o[marker] = 0;
        var value = random.Next(2) == 0 ? "\"duplicate\"" : (o[key]?.ToJsonString() ?? "null");
        return ($"{path}.{key} duplicated", written => written.Replace($"\"{marker}\":0", $"{JsonSerializer.Serialize(key)}:{value}", StringComparison.Ordinal)
            .Replace($"\"{marker}\": 0", $"{JsonSerializer.Serialize(key)}: {value}", StringComparison.Ordinal));
    }
}
