using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>What a SQL Server database must be (binary collation, OPENJSON), and how string parameters are typed for it.</summary>
public sealed class SqlServerRequirementsTests
{
    [Fact]
    public void Problems_BinaryCollationAndLevel160_None()
    {
        Assert.Empty(SqlServerRequirements.Problems("clspd_access", 160, "Latin1_General_100_BIN2", []));
        Assert.Empty(SqlServerRequirements.Problems("clspd_access", 130, "Latin1_General_100_BIN2_UTF8", []));
        Assert.Empty(SqlServerRequirements.Problems("clspd_access", 150, "French_BIN", []));
    }

    [Fact]
    public void Problems_CaseInsensitiveDatabase_SentenceNamesTheCollationToUse()
    {
        var problem = Assert.Single(SqlServerRequirements.Problems("clspd_access", 160, "SQL_Latin1_General_CP1_CI_AS", []));
        Assert.Contains("SQL_Latin1_General_CP1_CI_AS", problem, StringComparison.Ordinal);
        Assert.Contains("COLLATE Latin1_General_100_BIN2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_LevelBelow130_SentenceNamesOpenJsonAndTheStatementToRun()
    {
        var problem = Assert.Single(SqlServerRequirements.Problems("clspd_records", 120, "Latin1_General_100_BIN2", []));
        Assert.Contains("compatibility level 120", problem, StringComparison.Ordinal);
        Assert.Contains("OPENJSON", problem, StringComparison.Ordinal);
        Assert.Contains("SET COMPATIBILITY_LEVEL", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_ColumnsLeftCaseInsensitive_NamedEvenUnderABinaryDatabase()
    {
        var problem = Assert.Single(SqlServerRequirements.Problems("clspd_consent", 160, "Latin1_General_100_BIN2",
            ["dbo.subjects.subject_ref SQL_Latin1_General_CP1_CI_AS"]));
        Assert.Contains("dbo.subjects.subject_ref", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Typed_AsciiAndOtherStrings_AsciiGoesAnsiOthersUnicodeOthersUnchanged()
    {
        var typed = Assert.IsType<DynamicParameters>(SqlServerParameters.Typed(new { CaseId = "case-1", Name = "Élodie", Count = 3, Missing = (string?)null }));

        Assert.Equal(["CaseId", "Name", "Count", "Missing"], typed.ParameterNames);
        var id = Assert.IsType<DbString>(typed.Get<object>("CaseId"));
        Assert.True(id.IsAnsi);
        Assert.Equal("case-1", id.Value);
        Assert.Equal("Élodie", typed.Get<object>("Name"));
        Assert.Equal(3, typed.Get<object>("Count"));
        Assert.Null(typed.Get<object>("Missing"));
    }

    [Fact]
    public void Typed_NoStringOrAlreadyDynamic_SameObject()
    {
        var numbers = new { Seq = 4L };
        var dynamic = new DynamicParameters();

        Assert.Same(numbers, SqlServerParameters.Typed(numbers));
        Assert.Same(dynamic, SqlServerParameters.Typed(dynamic));
        Assert.Null(SqlServerParameters.Typed(null));
    }

    [Fact]
    public async Task Typed_ThroughDapper_ListsInstantsAndTextBindAsUntyped()
    {
        // The typed form keeps what Dapper does with the plain object: list expansion, type handlers, values.
        DapperTypeHandlers.Register();
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var at = new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
        var parameters = new { Ids = new[] { "a", "b" }, Name = "Élodie", At = at, Id = "b" };

        var plain = await connection.QuerySingleAsync<string>("SELECT @Name || '|' || @At || '|' || (SELECT COUNT(*) FROM (SELECT 'a' AS v UNION SELECT 'b' UNION SELECT 'c') WHERE v IN @Ids AND v >= @Id)", parameters);
        var typed = await connection.QuerySingleAsync<string>("SELECT @Name || '|' || @At || '|' || (SELECT COUNT(*) FROM (SELECT 'a' AS v UNION SELECT 'b' UNION SELECT 'c') WHERE v IN @Ids AND v >= @Id)", SqlServerParameters.Typed(parameters));

        Assert.Equal("Élodie|2026-11-29T09:00:00.0000000Z|1", plain);
        Assert.Equal(plain, typed);
    }

    [Fact]
    public async Task Check_CaseInsensitiveServerDatabase_MigrationRefusedWithTheSentence()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        var database = await TestDatabases.SqlServerAsync(new ServiceIdentity("requirements", typeof(SqlServerRequirementsTests).Assembly));
        var name = "clspd_ci_" + Guid.NewGuid().ToString("N")[..12];
        var server = new SqlConnectionStringBuilder(database.ConnectionString) { InitialCatalog = "master" };
        await using (var master = new SqlConnection(server.ConnectionString))
        {
            await master.ExecuteAsync($"CREATE DATABASE [{name}] COLLATE SQL_Latin1_General_CP1_CI_AS");
        }

        var target = new SqlConnectionStringBuilder(database.ConnectionString) { InitialCatalog = name }.ConnectionString;
        var refused = Assert.Throws<InvalidOperationException>(() => Migrator.Run(DatabaseProvider.SqlServer, target, typeof(SqlServerRequirementsTests).Assembly, ensureDatabase: false));

        Assert.Contains("COLLATE Latin1_General_100_BIN2", refused.Message, StringComparison.Ordinal);
    }
}
