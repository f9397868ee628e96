namespace ActorLab.Contracts.Data;

/// <summary>
/// Each client's training rows, produced on demand: for federations too large to hold in memory at once
/// (100,000 generated devices), a client's rows exist only while it trains. A data set offers it through
/// <see cref="Dataset.ClientRows"/>; the <c>natural</c> partitioner then hands client k its rows.
/// </summary>
public interface IClientRowSource
{
    /// <summary>Number of clients (devices).</summary>
    int Clients { get; }

    /// <summary>Rows client <paramref name="client"/> holds; cheap (no rows are produced).</summary>
    int SampleCount(int client);

    /// <summary>The client's rows: features row-major (<c>count x features</c>) and labels; the same every call.</summary>
    (float[] Features, int[] Labels) Load(int client);
}
