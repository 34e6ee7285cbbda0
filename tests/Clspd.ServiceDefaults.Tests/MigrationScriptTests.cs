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
    public void SqlServerScripts_WithSyntaxError_AreReported()
    {
        // The checker itself must be able to fail: a broken script is reported with its position.
        var parser = new Microsoft.SqlServer.TransactSql.ScriptDom.TSql160Parser(true);
        using var reader = new StringReader("CREATE TABLE t (a INT NOT NULL\n b INT)");
        parser.Parse(reader, out var errors);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void Scripts_OfServiceDefaults_ExistForBothProviders()
    {
        static IEnumerable<string> Files(DatabaseProvider p) =>
            MigrationScripts.Read(p, typeof(MigrationScriptTests).Assembly).Select(s => s.Name[(s.Name.LastIndexOf(".Migrations.", StringComparison.Ordinal) + 12)..].Split('.', 2)[1]);

        Assert.Equal(Files(DatabaseProvider.Sqlite), Files(DatabaseProvider.SqlServer));
    }
}
