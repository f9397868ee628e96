using System.Data.Common;
using LinqToDB;
using LinqToDB.Data;

namespace ActorLab.Host.Resume;

/// <summary>Plain SQL on a run's journal tables (Akka.Persistence.Sql's <c>journal</c>), shared by <see cref="JournalCheck"/> and <see cref="JournalRewind"/>.</summary>
internal static class JournalSql
{
    /// <summary>A connection to the PostgreSQL journal of <paramref name="settings"/>, through linq2db's provider as Akka.Persistence.Sql uses it.</summary>
    public static DataConnection PostgreSql(JournalSettings settings) =>
        new(new DataOptions().UseConnectionString(ProviderName.PostgreSQL15, settings.ConnectionString!));

    /// <summary>A command with named parameters (<c>@name</c>).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
