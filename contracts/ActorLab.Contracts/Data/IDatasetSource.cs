namespace ActorLab.Contracts.Data;

/// <summary>What a scenario asks of a dataset source.</summary>
/// <param name="Seed">The run seed (for sources that split train/test themselves).</param>
/// <param name="TestFraction">Share of rows held out for testing, for sources without an official test split.</param>
public sealed record DatasetRequest(int Seed, double TestFraction);

/// <summary>Loads a data set. A source whose files are missing throws <see cref="DatasetUnavailableException"/> saying how to get them.</summary>
public interface IDatasetSource
{
    /// <summary>Loads the whole data set into memory.</summary>
    Dataset Load(DatasetRequest request);
}

/// <summary>The data set's files are not where they should be; the message says how to install them.</summary>
public sealed class DatasetUnavailableException(string message) : Exception(message);
