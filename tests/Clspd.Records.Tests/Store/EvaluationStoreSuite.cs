using Clspd.Records.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Tests.Store;

/// <summary>REC-11: the council's own evaluation figures and its stored reports, on every provider.</summary>
public abstract class EvaluationStoreSuite
{
    protected static readonly ServiceIdentity Service = new("records", typeof(EvaluationStore).Assembly);

    private static readonly DateTimeOffset Noon = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    protected abstract Task<Database> CreateDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PersonStore NewPersons() => new(new MasterKey(
        Options.Create(new RecordsOptions { MasterKeyFile = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"), "master.key"), CreateMasterKeyIfMissing = true }),
        Options.Create(new DatabaseOptions())));

    private static async Task CaseAsync(Database db, string id, string council, DateOnly start, DateOnly? end)
    {
        var persons = NewPersons();
        var cases = new CaseStore();
        await db.WriteAsync(async w =>
        {
            await persons.InsertAsync(w, "S-" + id, council, new DateOnly(2035, 1, 1), "identity"u8.ToArray(), "alice");
            await cases.InsertAsync(w, new CaseRow
            {
                Id = id, CaseCode = "C-" + id, SubjectRef = "S-" + id, CouncilId = council, GroupId = "g-1", StartDate = start, CreatedAt = w.Now, CreatedBy = "alice",
            });
            if (end is { } e)
            {
                await cases.CloseAsync(w, id, e, e.AddMonths(3), "alice");
            }

            return 0;
        }, Ct);
    }

    [Fact]
    public async Task CasesAsync_FollowedSomeDayOfThePeriod_OnlyThoseOfTheCouncil_REC_11()
    {
        var db = await CreateDatabaseAsync();
        await CaseAsync(db, "open-before", "council-1", new DateOnly(2025, 3, 1), null);
        await CaseAsync(db, "closed-before", "council-1", new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 31));
        await CaseAsync(db, "closed-inside", "council-1", new DateOnly(2025, 3, 1), new DateOnly(2026, 1, 1));
        await CaseAsync(db, "started-after", "council-1", new DateOnly(2027, 1, 1), null);
        await CaseAsync(db, "elsewhere", "council-2", new DateOnly(2026, 3, 1), null);

        var (rows, _) = await db.ReadAsync(s => new EvaluationStore().CasesAsync(s, "council-1", new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)), Ct);

        Assert.Equal(["closed-inside", "open-before"], rows.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DestroyedAsync_DeletionLogOfTheCouncilKindAndPeriod_Summed_REC_11()
    {
        var db = await CreateDatabaseAsync();
        const string Insert = "INSERT INTO deletion_log (id, destroyed_at, council_id, kind, reason, count) VALUES (@Id, @DestroyedAt, @CouncilId, @Kind, 'archive_period_elapsed', @Count)";
        await db.WriteAsync(async w =>
        {
            foreach (var (at, council, kind, count) in new[]
            {
                (Noon, "council-1", "case", 3), (Noon.AddDays(1), "council-1", "case", 4), (Noon.AddYears(-1), "council-1", "case", 50),
                (Noon, "council-1", "person", 7), (Noon, "council-2", "case", 9),
            })
            {
                await w.ExecuteAsync(Insert, new { Id = Guid.NewGuid().ToString(), DestroyedAt = at, CouncilId = council, Kind = kind, Count = count });
            }

            return 0;
        }, Ct);

        var destroyed = await db.ReadAsync(s => new EvaluationStore().DestroyedAsync(s, "council-1", "case", Noon.AddMonths(-1), Noon.AddMonths(1)), Ct);

        Assert.Equal(7, destroyed);
    }

    [Fact]
    public async Task ReportsAsync_StoredReports_NewestFirstWithTheirBytes_REC_11()
    {
        var db = await CreateDatabaseAsync();
        var store = new EvaluationStore();
        await db.WriteAsync(async w =>
        {
            await store.AddReportAsync(w, new CharterReportRow { Id = "r-2025", CouncilId = "council-1", Year = 2025, ProducedAt = Noon.AddYears(-1), ProducedBy = "coord", Report = [1, 2] });
            await store.AddReportAsync(w, new CharterReportRow { Id = "r-2026", CouncilId = "council-1", Year = 2026, ProducedAt = Noon, ProducedBy = "coord", Report = [3] });
            await store.AddReportAsync(w, new CharterReportRow { Id = "r-other", CouncilId = "council-2", Year = 2026, ProducedAt = Noon, ProducedBy = "coord", Report = [4] });
            return 0;
        }, Ct);

        var reports = await db.ReadAsync(s => store.ReportsAsync(s, "council-1"), Ct);
        var one = await db.ReadAsync(s => store.ReportAsync(s, "r-2025"), Ct);
        var councils = await db.ReadAsync(store.CouncilsAsync, Ct);

        Assert.Equal([("r-2026", 2026L, Noon), ("r-2025", 2025L, Noon.AddYears(-1))], reports.Select(r => (r.Id, r.Year, r.ProducedAt)));
        Assert.Equal(new byte[] { 1, 2 }, one!.Report);
        Assert.Equal(["council-1", "council-2"], councils.Order(StringComparer.Ordinal));
    }
}

public sealed class EvaluationStoreSqliteTests : EvaluationStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));
}

public sealed class EvaluationStoreSqlServerTests : EvaluationStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }
}

public sealed class EvaluationStorePostgresTests : EvaluationStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service));
    }
}
