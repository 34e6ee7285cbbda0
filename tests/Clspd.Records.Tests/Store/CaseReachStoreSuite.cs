using Clspd.Records.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Tests.Store;

/// <summary>The candidates of "my cases" (ACC-1): the same answer from every store.</summary>
public abstract class CaseReachStoreSuite
{
    protected static readonly ServiceIdentity Service = new("records", typeof(CaseStore).Assembly);

    protected abstract Task<Database> CreateDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CaseStore Cases = new();
    private static readonly FollowUpStore FollowUps = new();

    private static CaseReachQuery Reach(string[]? councils = null, string[]? groups = null, string[]? caseRefs = null, string[]? meetings = null,
        string[]? measures = null, string participant = "") =>
        new(councils ?? [], groups ?? [], caseRefs ?? [], meetings ?? [], measures ?? [], participant);

    // council-1: case-a (g-1), case-b (g-1, archived), case-c (g-2, follow-up naming p-1), case-d (g-2, on meeting m-1's agenda),
    // case-e (g-2, measure jm-1); council-2: case-f (g-3).
    private static async Task<Database> SeededAsync(Database db)
    {
        var persons = new PersonStore(new MasterKey(
            Options.Create(new RecordsOptions { MasterKeyFile = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"), "master.key"), CreateMasterKeyIfMissing = true }),
            Options.Create(new DatabaseOptions())));
        await db.WriteAsync(async w =>
        {
            foreach (var (id, council, group) in new[] { ("a", "council-1", "g-1"), ("b", "council-1", "g-1"), ("c", "council-1", "g-2"), ("d", "council-1", "g-2"), ("e", "council-1", "g-2"), ("f", "council-2", "g-3") })
            {
                await persons.InsertAsync(w, $"S-{id}", council, new DateOnly(2035, 1, 1), "identity"u8.ToArray(), "alice");
                await Cases.InsertAsync(w, new CaseRow
                {
                    Id = $"case-{id}", CaseCode = $"C-{id}", SubjectRef = $"S-{id}", CouncilId = council, GroupId = group,
                    StartDate = new DateOnly(2025, 1, 1), CreatedAt = w.Now, CreatedBy = "alice",
                });
            }

            await Cases.CloseAsync(w, "case-b", new DateOnly(2026, 6, 1), new DateOnly(2029, 6, 1), "alice");
            await FollowUps.InsertReferralAsync(w, new ReferralRow
            {
                Id = "ref-c", CaseId = "case-c", Origin = 1, Reasons = "[]", ReferredOn = new DateOnly(2025, 1, 1), RecordedAt = w.Now, RecordedBy = "alice",
            });
            await FollowUps.InsertFollowUpAsync(w, new FollowUpRow
            {
                CaseId = "case-c", ReferralId = "ref-c", Programme = 1, PathReferentId = "p-1", StartDate = new DateOnly(2025, 1, 2), StartedAt = w.Now, StartedBy = "alice",
            });
            await new MeetingStore().PutAsync(w, "m-1", "case-d", "g-2", new DateOnly(2026, 12, 1), null, "alice");
            await FollowUps.InsertMeasureAsync(w, new MeasureRow
            {
                Id = "jm-1", CaseId = "case-e", Kind = 1, Necessity = 1, StartDate = new DateOnly(2025, 2, 1), RecordedAt = w.Now, RecordedBy = "alice",
            });
            return 0;
        }, Ct);
        return db;
    }

    private static async Task<string[]> IdsAsync(Database db, CaseReachQuery reach, string councilId = "", string groupId = "", string after = "", int size = 50) =>
        [.. (await db.ReadAsync(s => Cases.ReachableAsync(s, reach, councilId, groupId, after, size), Ct)).Select(r => r.Id)];

    [Fact]
    public async Task Reachable_EachDesignationKind_ItsActiveCasesOnly_ACC_1_REC_7()
    {
        var db = await SeededAsync(await CreateDatabaseAsync());

        Assert.Equal(["case-a"], await IdsAsync(db, Reach(groups: ["g-1"])));
        Assert.Equal(["case-a", "case-c", "case-d", "case-e"], await IdsAsync(db, Reach(councils: ["council-1"])));
        Assert.Equal(["case-f"], await IdsAsync(db, Reach(caseRefs: ["case-f", "case-b"])));
        Assert.Equal(["case-c"], await IdsAsync(db, Reach(participant: "p-1")));
        Assert.Equal(["case-d"], await IdsAsync(db, Reach(meetings: ["m-1"])));
        Assert.Equal(["case-e"], await IdsAsync(db, Reach(measures: ["jm-1"])));
        Assert.Empty(await IdsAsync(db, Reach(participant: "p-2", groups: ["g-9"])));
        Assert.Empty(await IdsAsync(db, Reach()));
    }

    [Fact]
    public async Task Reachable_FiltersAndPaging_InIdOrder_ACC_1()
    {
        var db = await SeededAsync(await CreateDatabaseAsync());
        var all = Reach(councils: ["council-1", "council-2"]);

        Assert.Equal(["case-c", "case-d", "case-e"], await IdsAsync(db, all, groupId: "g-2"));
        Assert.Equal(["case-f"], await IdsAsync(db, all, councilId: "council-2"));
        Assert.Empty(await IdsAsync(db, all, councilId: "council-2", groupId: "g-1"));
        Assert.Equal(["case-a", "case-c"], await IdsAsync(db, all, size: 2));
        Assert.Equal(["case-d", "case-e"], await IdsAsync(db, all, after: "case-c", size: 2));
        Assert.Equal(["case-f"], await IdsAsync(db, all, after: "case-e", size: 2));
    }

    [Fact]
    public async Task NamedReferentOf_OnlyTheCasesWhoseFollowUpNamesTheParticipant_ACC_1()
    {
        var db = await SeededAsync(await CreateDatabaseAsync());

        var named = await db.ReadAsync(s => FollowUps.NamedReferentOfAsync(s, "p-1", ["case-a", "case-c", "case-d"]), Ct);
        var nobody = await db.ReadAsync(s => FollowUps.NamedReferentOfAsync(s, "", ["case-c"]), Ct);

        Assert.Equal(["case-c"], named);
        Assert.Empty(nobody);
    }
}

public sealed class CaseReachStoreSqliteTests : CaseReachStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));
}

public sealed class CaseReachStoreSqlServerTests : CaseReachStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }
}

public sealed class CaseReachStorePostgresTests : CaseReachStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service));
    }
}
