using Clspd.Benchmarks.Load;
using Clspd.Access.V1;
using Microsoft.Data.Sqlite;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// The commune dataset generator and the purge measurement at a tiny scale (seconds), so that
/// they keep working; figures come from the benchmark runs (docs/benchmarks.md).
/// </summary>
public sealed class CommuneDatasetSmokeTests
{
    [Fact]
    public void Counts_ScaleOne_TheIssuesFigures()
    {
        var counts = CommuneDataset.Counts.At(1);

        Assert.Equal(5_000, counts.Participants);
        Assert.Equal(200, counts.Groups);
        Assert.Equal(100_000, counts.Persons);
        Assert.Equal(1_000_000, counts.ConsentRecords);
        Assert.Equal(1_000_000, counts.AuditEntries);
    }

    [Fact]
    public void Counts_TinyScale_AtLeastOneOfEach()
    {
        var counts = CommuneDataset.Counts.At(0.001);

        Assert.Equal((5, 1, 1, 100, 1_000), (counts.Participants, counts.Groups, counts.Institutions, counts.Persons, counts.AuditEntries));
    }

    [Fact]
    public async Task CommuneDataset_TinyScale_EveryPartWrittenThroughTheStores()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clspd-dataset-tests", Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var parts = await CommuneDataset.RunAsync(0.001, StoreTarget.Sqlite(directory), output, TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                ("council, groups, institutions (charter signed)", 3L), ("participants (with their login subject and charter acceptance)", 5L), ("designations by the mayor", 5L),
                ("consent subjects", 100L), ("consent records (informings and decisions)", 1_000L), ("persons (sealed identity) with one case", 100L),
                ("audit entries (batches of 256, then verified)", 1_000L),
            ],
            parts.Select(p => (p.Name, p.Rows)));
        Assert.All(parts, p => Assert.True(p.PerSecond > 0, p.Name));
        Assert.Equal(5, Count(directory, "registry", "SELECT COUNT(*) FROM designations"));
        Assert.Equal(5, Count(directory, "registry", "SELECT COUNT(*) FROM participant_subjects"));
        Assert.Equal(100, Count(directory, "consent", "SELECT COUNT(*) FROM informings"));
        Assert.Equal(900, Count(directory, "consent", "SELECT COUNT(*) FROM decisions"));
        Assert.Equal(100, Count(directory, "records", "SELECT COUNT(*) FROM persons"));
        Assert.Equal(100, Count(directory, "records", "SELECT COUNT(*) FROM person_keys"));
        Assert.Equal(100, Count(directory, "records", "SELECT COUNT(*) FROM cases WHERE status = 'ACTIVE'"));
        Assert.Contains("audit chain of 1,000 entries verified from the database", output.ToString(), StringComparison.Ordinal);
        // Every row the services publish is on its change feed, as the services would have written it.
        Assert.Equal(
            [("charter_acceptance", 5L), ("charter_signature", 1L), ("charter_version", 1L), ("council", 1L), ("designation", 5L), ("group", 1L), ("institution", 1L), ("participant", 5L)],
            Kinds(directory, "registry"));
        Assert.Equal([("decision", 900L), ("informing", 100L), ("subject", 100L)], Kinds(directory, "consent"));
        Assert.Equal([("case", 100L), ("person", 100L)], Kinds(directory, "records"));
        // Each row carries the revision of its change, as the services' writes do.
        Assert.Equal(0, Count(directory, "consent", "SELECT COUNT(*) FROM decisions d WHERE NOT EXISTS (SELECT 1 FROM clspd_changes c WHERE c.revision = d.revision AND c.entity_id = d.id)"));
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task CatchUp_StackStartedOnTheDataset_AccessAllowsAGeneratedMemberByName_ACC_1()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clspd-dataset-tests", Guid.NewGuid().ToString("N"));
        var ct = TestContext.Current.CancellationToken;
        await CommuneDataset.RunAsync(0.001, StoreTarget.Sqlite(directory), TextWriter.Null, ct);
        using var output = new StringWriter();

        // Access rebuilds its view from the registry's feed (participants, designations, the signed and
        // accepted charter) and asks consent for the person's state: a generated member of the group may
        // read an adult's case by name; a caller the registry does not know may not.
        var figures = await CatchUpCommand.RunAsync(directory, TimeSpan.FromSeconds(120), output, ct);

        Assert.True(figures.ToFirstAllow >= figures.ToServing);
        Assert.Equal(Outcome.Deny, figures.Stranger);
        Assert.Contains("access decides on the generated commune", output.ToString(), StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task PurgeCommand_TinyScale_EveryDueCaseDestroyedUnderCheckLoad_REC_7()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clspd-purge-tests", Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var figures = await PurgeCommand.RunAsync(new PurgeCommand.Options(120, 2, TimeSpan.FromSeconds(1), "direct", directory, Step: 50, Warmup: TimeSpan.FromSeconds(1),
                // Slow is not unreachable: on a loaded machine a peer may take seconds to answer.
                StackSettings: new Dictionary<string, string> { ["Peers:CallTimeoutMilliseconds"] = "60000" }),
            output, TestContext.Current.CancellationToken);

        Assert.Equal(120, figures.CasesDestroyed);
        Assert.Equal(120, figures.PersonsDestroyed);
        Assert.True(figures.Baseline.Calls > 0, "no check completed without the purge");
        Assert.Empty(figures.Baseline.Errors);
        Assert.Empty(figures.DuringPurge.Errors);
        Assert.True(figures.CasesPerMinute > 0);
        Assert.Contains("purge: 120 cases and 120 persons destroyed", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Count(directory, "records", "SELECT COUNT(*) FROM cases WHERE status = 'ARCHIVED'"));
    }

    private static List<(string Kind, long Count)> Kinds(string directory, string service)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, service + ".db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, COUNT(*) FROM clspd_changes GROUP BY kind ORDER BY kind";
        using var reader = command.ExecuteReader();
        var kinds = new List<(string, long)>();
        while (reader.Read())
        {
            kinds.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return kinds;
    }

    private static long Count(string directory, string service, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, service + ".db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
