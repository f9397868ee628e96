using System.Text;
using System.Text.Json;

namespace ActorLab.Host.Scenarios;

/// <summary>
/// A field given twice in one JSON object. System.Text.Json can refuse such a document (<c>AllowDuplicateProperties =
/// false</c>), but with an exception that carries neither line nor path, so <see cref="Find"/> reads the text itself
/// to say where.
/// </summary>
/// <param name="JsonPath">The field, e.g. <c>$.clients.total</c>.</param>
/// <param name="Name">Its name, e.g. <c>total</c>.</param>
/// <param name="First">Where it is first given: <c>line 2, position 3</c>.</param>
/// <param name="Again">Where it is given again.</param>
public sealed record DuplicateJsonField(string JsonPath, string Name, string First, string Again)
{
    /// <summary>The message: <c>malformed JSON: 'total' is given twice, at line 2, position 3 and line 3, position 3; keep one</c>.</summary>
    public string Message => $"malformed JSON: '{Name}' is given twice, at {First} and {Again}; keep one";

    /// <summary>The first field given twice in an object of <paramref name="text"/>, or null (also for text that is malformed otherwise).</summary>
    public static DuplicateJsonField? Find(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var open = new Stack<Container>();
        string? field = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var fields = open.Peek().Fields!;
                        field = reader.GetString()!;
                        if (fields.TryGetValue(field, out var first))
                        {
                            return new DuplicateJsonField($"{open.Peek().Path}.{field}", field, Where(bytes, first), Where(bytes, reader.TokenStartIndex));
                        }

                        fields.Add(field, reader.TokenStartIndex);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        var path = ValuePath(open, field);
                        open.Push(new Container(path, reader.TokenType == JsonTokenType.StartObject ? new Dictionary<string, long>(StringComparer.Ordinal) : null));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        open.Pop();
                        break;
                    default:
                        ValuePath(open, field); // counts an array's scalar elements
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null; // malformed in another way: the parser's own message says how
        }

        return null;
    }

    private static string ValuePath(Stack<Container> open, string? field)
    {
        if (open.Count == 0)
        {
            return "$";
        }

        var parent = open.Peek();
        return parent.Fields is null ? $"{parent.Path}[{parent.NextIndex++}]" : $"{parent.Path}.{field}";
    }

    private static string Where(byte[] bytes, long offset)
    {
        var line = 1;
        var lineStart = 0L;
        for (var i = 0L; i < offset; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return $"line {line}, position {offset - lineStart + 1}";
    }

    private sealed class Container(string path, Dictionary<string, long>? fields)
    {
        public string Path { get; } = path;

        public Dictionary<string, long>? Fields { get; } = fields;

        public int NextIndex { get; set; }
    }
}
