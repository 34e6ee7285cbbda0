using Clspd.ServiceDefaults.Data;
using Clspd.Testing;

namespace Clspd.ServiceDefaults.Tests;

public sealed class MigrationScriptTests
{
    [Fact]
    public void SqlServerScripts_OfServiceDefaults_ParseWithoutErrors()
    {
        var assembly = typeof(Database).Assembly;
        Assert.NotEmpty(SqlServerScripts.Names(assembly));
        Assert.Empty(SqlServerScripts.ParseErrors(assembly));
    }

    [Fact]
    public void SqlServerStatements_OfTheStores_ParseWithoutErrors()
    {
        var errors = SqlServerScripts.StatementParseErrors(typeof(Database).Assembly, out var parsed);
        Assert.True(parsed >= 5, $"only {parsed} statements found");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void SqlServerScripts_WithSyntaxError_AreReported()
    {
        // The checker itself must be able to fail: a broken script is reported with its position.
        var parser = new Microsoft.SqlServer.TransactSql.ScriptDom.TSql160Parser(true);
        using var reader = new StringReader("CREATE TABLE t (a INT NOT NULL\n b INT)");
        parser.Parse(reader, out var errors);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void SqlServerStatements_BrokenConstant_ReportedAndSqliteOnesLeftAlone()
    {
        // The store-statement checker itself must be able to fail.
        var errors = SqlServerScripts.StatementParseErrors(typeof(MigrationScriptTests).Assembly, out _);

        Assert.Contains(errors, e => e.StartsWith(typeof(BrokenStatements).FullName + ".Broken ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith(typeof(BrokenStatements).FullName + ".Batch[1] ", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(".LimitSqlite", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(".Expanded", StringComparison.Ordinal));
    }

    private static class BrokenStatements
    {
        public const string Broken = "SELECT id FROM WHERE id = @Id";

        public const string LimitSqlite = "SELECT id FROM t LIMIT 1";

        public const string Expanded = "DELETE FROM t WHERE id IN @Ids";

        public static readonly string[] Batch = ["DELETE FROM t WHERE id IN {ids}", "DELETE t WHERE WHERE"];
    }

    [Fact]
    public void Scripts_OfServiceDefaults_ExistForEveryProvider()
    {
        static IEnumerable<string> Files(DatabaseProvider p) =>
            MigrationScripts.Read(p, typeof(MigrationScriptTests).Assembly).Select(s => s.Name[(s.Name.LastIndexOf(".Migrations.", StringComparison.Ordinal) + 12)..].Split('.', 2)[1]);

        Assert.Equal(Files(DatabaseProvider.Sqlite), Files(DatabaseProvider.SqlServer));
        Assert.Equal(Files(DatabaseProvider.Sqlite), Files(DatabaseProvider.Postgres));
    }
}
