using Clspd.Benchmarks.Load;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Npgsql;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// The benchmarks' <c>dataset</c> and <c>load</c> with <c>--provider postgres</c>, at a tiny scale on the
/// tests' private server, so that they keep working; figures come from the benchmark runs.
/// </summary>
public sealed class BenchmarksPostgresTests
{
    private static string Template(string prefix)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer.NewDatabase(prefix));
        server.Database += "_{service}";
        return server.ConnectionString;
    }

    private static long Count(string template, string service, string sql)
    {
        using var connection = new NpgsqlConnection(template.Replace("{service}", service, StringComparison.Ordinal));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task CommuneDataset_OnPostgres_TinyScale_EveryPartWrittenInThePostgresDatabases()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        var template = Template("clspd_dataset");
        var directory = Path.Combine(Path.GetTempPath(), "clspd-dataset-tests", Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var parts = await CommuneDataset.RunAsync(0.001, new StoreTarget(DatabaseProvider.Postgres, directory, template), output, TestContext.Current.CancellationToken);

        Assert.Equal(6, parts.Count);
        Assert.All(parts, p => Assert.True(p.PerSecond > 0, p.Name));
        Assert.Equal(5, Count(template, "registry", "SELECT COUNT(*) FROM designations"));
        Assert.Equal(100, Count(template, "consent", "SELECT COUNT(*) FROM informings"));
        Assert.Equal(900, Count(template, "consent", "SELECT COUNT(*) FROM decisions"));
        Assert.Equal(100, Count(template, "records", "SELECT COUNT(*) FROM persons"));
        Assert.Equal(100, Count(template, "records", "SELECT COUNT(*) FROM cases WHERE status = 'ACTIVE'"));
        Assert.Contains("(Postgres, per-service databases)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_OnPostgres_StackOnThePostgresDatabasesAnswersTheCheckMix()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        var template = Template("clspd_load");
        var directory = Path.Combine(Path.GetTempPath(), "clspd-load-tests", Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var reports = await LoadCommand.RunAsync(
            new LoadCommand.Options(["check"], "gateway", 2, TimeSpan.FromSeconds(1), null, directory, TimeSpan.Zero, DatabaseProvider.Postgres, template),
            output, TestContext.Current.CancellationToken);

        var report = Assert.Single(reports);
        Assert.True(report.Calls > 0, output.ToString());
        Assert.Empty(report.Errors);
        Assert.Contains("(all processes, in parallel; Postgres)", output.ToString(), StringComparison.Ordinal);
        Assert.True(Count(template, "access", "SELECT COUNT(*) FROM audit_entries") >= report.Calls);
    }

    [Theory]
    [InlineData("postgres", null)]
    [InlineData("postgres", "Host=localhost;Database=clspd")]
    [InlineData("mysql", "Host=localhost;Database=clspd_{service}")]
    public void ProviderOf_NoPerServiceConnectionOrUnknownProvider_Refused(string provider, string? connection)
    {
        var e = Assert.Throws<ArgumentException>(() => StoreTarget.ProviderOf(provider, connection));

        Assert.StartsWith("--", e.Message, StringComparison.Ordinal);
    }
}
