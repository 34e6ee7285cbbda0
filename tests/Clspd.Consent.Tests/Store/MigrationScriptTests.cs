using Clspd.Consent.Store;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;

namespace Clspd.Consent.Tests.Store;

public sealed class MigrationScriptTests
{
    [Fact]
    public void SqlServerScripts_OfConsent_ParseWithoutErrors()
    {
        var assembly = typeof(ConsentStore).Assembly;
        Assert.Equal(4, SqlServerScripts.Names(assembly).Count);
        Assert.Empty(SqlServerScripts.ParseErrors(assembly));
    }

    [Fact]
    public void SqlServerStatements_OfTheStores_ParseWithoutErrors()
    {
        var errors = SqlServerScripts.StatementParseErrors(typeof(ConsentStore).Assembly, out var parsed);
        Assert.True(parsed >= 20, $"only {parsed} statements found");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Scripts_OfConsent_SameNamesForEveryProvider()
    {
        static IEnumerable<string> Files(DatabaseProvider p) =>
            MigrationScripts.Read(p, typeof(ConsentStore).Assembly).Select(s => s.Name[(s.Name.LastIndexOf(".Migrations.", StringComparison.Ordinal) + 12)..].Split('.', 2)[1]);

        Assert.Equal(
            ["0001_change_feed_and_request_log.sql", "0002_request_log_subject.sql", "0100_consent.sql", "0101_notices_subjects_order.sql", "0102_subject_council.sql", "0103_erased_counts.sql"],
            Files(DatabaseProvider.Sqlite));
        Assert.Equal(Files(DatabaseProvider.Sqlite), Files(DatabaseProvider.SqlServer));
        Assert.Equal(Files(DatabaseProvider.Sqlite), Files(DatabaseProvider.Postgres));
    }
}
