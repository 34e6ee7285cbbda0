using Dapper;
using Microsoft.Data.SqlClient;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// What a SQL Server database must be before the services migrate and use it, checked at start-up:
/// compatibility level 130 or more (the stores read lists with <c>OPENJSON</c>), and a binary
/// collation for the database and every text column of the services' tables (identifiers,
/// idempotency keys and subject references compare byte for byte, as on SQLite; a <c>*_CI_AS</c>
/// default would make "S-1" and "s-1" the same person).
/// </summary>
public static class SqlServerRequirements
{
    /// <summary>The collation given to a database the services create themselves.</summary>
    public const string Collation = "Latin1_General_100_BIN2";

    public const int MinimumCompatibilityLevel = 130;

    internal const string Query = """
        SELECT d.compatibility_level AS CompatibilityLevel, CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS NVARCHAR(128)) AS DatabaseCollation
        FROM sys.databases AS d WHERE d.name = DB_NAME();
        SELECT TOP (5) OBJECT_SCHEMA_NAME(c.object_id) + N'.' + OBJECT_NAME(c.object_id) + N'.' + c.name + N' ' + c.collation_name
        FROM sys.columns AS c JOIN sys.tables AS t ON t.object_id = c.object_id
        WHERE t.is_ms_shipped = 0 AND t.name <> N'SchemaVersions' AND c.collation_name IS NOT NULL AND c.collation_name NOT LIKE N'%[_]BIN%'
        ORDER BY 1;
        """;

    /// <summary>Throws with a sentence naming what to change when the database does not meet the requirements.</summary>
    public static void Check(string connectionString)
    {
        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var results = connection.QueryMultiple(Query);
        var database = results.ReadSingle<(int CompatibilityLevel, string DatabaseCollation)>();
        var columns = results.Read<string>().AsList();
        var problems = Problems(connection.Database, database.CompatibilityLevel, database.DatabaseCollation, columns);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
    }

    /// <summary>The sentences saying what is wrong with a database (none when it is right).</summary>
    public static IReadOnlyList<string> Problems(string database, int compatibilityLevel, string? databaseCollation, IReadOnlyList<string> nonBinaryColumns)
    {
        var problems = new List<string>();
        if (compatibilityLevel < MinimumCompatibilityLevel)
        {
            problems.Add($"Database '{database}' has compatibility level {compatibilityLevel}; the services need {MinimumCompatibilityLevel} or more for OPENJSON " +
                $"(ALTER DATABASE [{database}] SET COMPATIBILITY_LEVEL = 160).");
        }

        if (!IsBinary(databaseCollation))
        {
            problems.Add($"Database '{database}' has the collation {databaseCollation ?? "(none)"}; identifiers and subject references must compare byte for byte: " +
                $"create it with COLLATE {Collation} (or let the service create it with Database:EnsureDatabase=true).");
        }

        if (nonBinaryColumns.Count > 0)
        {
            problems.Add($"Text columns with a collation that is not binary: {string.Join(", ", nonBinaryColumns)}; " +
                $"recreate the database with COLLATE {Collation} and restore the data into it.");
        }

        return problems;
    }

    private static bool IsBinary(string? collation) =>
        collation is not null && (collation.EndsWith("_BIN2", StringComparison.OrdinalIgnoreCase) || collation.EndsWith("_BIN", StringComparison.OrdinalIgnoreCase)
            || collation.Contains("_BIN2_", StringComparison.OrdinalIgnoreCase));
}
