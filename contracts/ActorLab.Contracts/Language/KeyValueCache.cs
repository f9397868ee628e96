using TorchSharp;

namespace ActorLab.Contracts.Language;

/// <summary>
/// The keys and values a causal language model has computed for the positions it has seen, one pair per layer, so that
/// generating the next token costs one position's work instead of the whole prefix's. Owned by one generation (a batch
/// of rows that share their length); its tensors live in the caller's dispose scope.
/// </summary>
public sealed class KeyValueCache(int layers)
{
    private readonly torch.Tensor?[] _keys = new torch.Tensor?[layers];
    private readonly torch.Tensor?[] _values = new torch.Tensor?[layers];

    /// <summary>Positions cached so far: the position of the next token fed in.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Appends layer <paramref name="layer"/>'s keys and values of the new positions ([batch, heads, new, head size])
    /// and returns those of every position so far.
    /// </summary>
    public (torch.Tensor Keys, torch.Tensor Values) Append(int layer, torch.Tensor keys, torch.Tensor values)
    {
        _keys[layer] = _keys[layer] is { } k ? torch.cat([k, keys], 2) : keys;
        _values[layer] = _values[layer] is { } v ? torch.cat([v, values], 2) : values;
        return (_keys[layer]!, _values[layer]!);
    }

    /// <summary>Records that <paramref name="positions"/> more positions were fed through every layer.</summary>
    public void Advance(long positions) => Length += positions;

    private readonly List<KeyValueCache> _parts = [];

    /// <summary>
    /// The cache of part <paramref name="index"/> of a model made of several models (a logit combination of a target and
    /// an assistant), each with its own positions; created with <paramref name="layers"/> layers on first use.
    /// </summary>
    public KeyValueCache Part(int index, int layers)
    {
        while (_parts.Count <= index)
        {
            _parts.Add(new KeyValueCache(layers));
        }

        return _parts[index];
    }
}
