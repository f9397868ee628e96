namespace ActorLab.Contracts.Language;

/// <summary>
/// Character-level token ids of a task: 0 is padding, 1 begins a sequence, 2 ends a response, and the task's alphabet
/// follows in its order.
/// </summary>
public sealed class TokenVocabulary
{
    /// <summary>Padding (never predicted, never attended to by a real position).</summary>
    public const int Pad = 0;

    /// <summary>Begins every sequence.</summary>
    public const int Begin = 1;

    /// <summary>Ends a response.</summary>
    public const int End = 2;

    private const int Specials = 3;
    private readonly Dictionary<char, int> _ids;

    /// <summary>The vocabulary of <paramref name="alphabet"/>; a repeated character is refused.</summary>
    public TokenVocabulary(string alphabet)
    {
        _ids = new Dictionary<char, int>(alphabet.Length);
        foreach (var c in alphabet)
        {
            if (!_ids.TryAdd(c, Specials + _ids.Count))
            {
                throw new ArgumentException($"the task's alphabet repeats '{c}'", nameof(alphabet));
            }
        }

        Alphabet = alphabet;
    }

    /// <summary>The task's characters.</summary>
    public string Alphabet { get; }

    /// <summary>Ids in use: the specials and the alphabet.</summary>
    public int Size => Specials + Alphabet.Length;

    /// <summary>The ids of <paramref name="text"/>; a character outside the alphabet is refused naming it.</summary>
    public int[] Encode(string text) => [.. text.Select(c => _ids.TryGetValue(c, out var id)
        ? id
        : throw new ArgumentException($"'{c}' in \"{text}\" is not in the task's alphabet \"{Alphabet}\""))];

    /// <summary>The text of <paramref name="ids"/>, up to the first <see cref="End"/>; specials are left out.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var text = new System.Text.StringBuilder();
        foreach (var id in ids)
        {
            if (id == End)
            {
                break;
            }

            if (id >= Specials && id < Size)
            {
                text.Append(Alphabet[id - Specials]);
            }
        }

        return text.ToString();
    }
}
