using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Npgsql;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>Statements shared by every provider, as PostgreSQL receives them.</summary>
public sealed class PostgresStatementsTests
{
    [Fact]
    public void Adapt_InAndNotInALists_AnyAndAll()
    {
        Assert.Equal("SELECT subject FROM participant_subjects WHERE subject = ANY(@Subjects)",
            PostgresStatements.Adapt("SELECT subject FROM participant_subjects WHERE subject IN @Subjects"));
        Assert.Equal("DELETE FROM t WHERE id <> ALL(@Keep) AND kind = ANY(@Kinds)",
            PostgresStatements.Adapt("DELETE FROM t WHERE id NOT IN @Keep AND kind in @Kinds"));
    }

    [Fact]
    public void Adapt_InWithParenthesesOrSubquery_Unchanged()
    {
        const string Sql = "SELECT 1 FROM t WHERE a IN (@A, @B) AND b IN (SELECT value FROM json_array_elements_text(CAST(@Ids AS json))) AND c = @Inside";

        Assert.Equal(Sql, PostgresStatements.Adapt(Sql));
    }

    [Fact]
    public async Task Adapt_ThroughDapperOnTheServer_ListsSelectTheirRows()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        var database = TestDatabases.Postgres(new ServiceIdentity("statements", typeof(PostgresStatementsTests).Assembly));
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        const string Sql = "SELECT v FROM (VALUES ('a'), ('b'), ('c')) AS t(v) WHERE v IN @Some AND v NOT IN @Others ORDER BY v";

        await Assert.ThrowsAsync<PostgresException>(() => connection.QueryAsync<string>(Sql, new { Some = new[] { "a", "b" }, Others = new[] { "b" } }));
        var rows = await connection.QueryAsync<string>(PostgresStatements.Adapt(Sql), new { Some = new[] { "a", "b" }, Others = new[] { "b" } });

        Assert.Equal(["a"], rows);
    }
}
