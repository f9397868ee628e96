using ActorLab.Host.Results.Database;

namespace ActorLab.Host.Tests.Support;

/// <summary>Counting queries on a results database, for tests.</summary>
public static class ResultsDatabaseQueries
{
    /// <summary>The one number <paramref name="sql"/> returns (parameters <c>$1</c>, <c>$2</c>, ...).</summary>
    public static long Count(string databasePath, string sql, params object?[] parameters) => new ResultsDatabase(databasePath).Read(c =>
    {
        using var command = ResultsDatabase.Command(c, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });
}
