using Clspd.Records.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Tests.Store;

public abstract class LifecycleStoreSuite
{
    protected static readonly ServiceIdentity Service = new("records", typeof(LifecycleStore).Assembly);

    internal static readonly DateOnly Today = new(2026, 11, 29);

    protected abstract Task<Database> CreateDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PersonStore NewPersons() => new(new MasterKey(
        Options.Create(new RecordsOptions { MasterKeyFile = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"), "master.key"), CreateMasterKeyIfMissing = true }),
        Options.Create(new DatabaseOptions())));

    // Persons with one archived case each, due (destroy_on yesterday) or not (tomorrow).
    internal static async Task SeedAsync(Database db, int due, int notDue)
    {
        var persons = NewPersons();
        var cases = new CaseStore();
        await db.WriteAsync(async w =>
        {
            for (var i = 0; i < due + notDue; i++)
            {
                var subject = $"S-{i:D6}";
                await persons.InsertAsync(w, subject, "council-1", new DateOnly(2035, 1, 1), "identity"u8.ToArray(), "alice");
                await cases.InsertAsync(w, new CaseRow
                {
                    Id = $"case-{i:D6}", CaseCode = $"C-{i:D6}", SubjectRef = subject, CouncilId = "council-1", GroupId = "g-1",
                    StartDate = new DateOnly(2025, 1, 1), CreatedAt = w.Now, CreatedBy = "alice",
                });
                await cases.CloseAsync(w, $"case-{i:D6}", new DateOnly(2026, 6, 1), i < due ? Today.AddDays(-1) : Today.AddDays(1), "alice");
            }

            return 0;
        }, Ct);
    }

    [Fact]
    public async Task DestroyDueCases_MovedAndRectified_MovesAndTrailGoWithThem_REC_8_REC_10()
    {
        var db = await CreateDatabaseAsync();
        var persons = NewPersons();
        var cases = new CaseStore();
        var moved = await db.WriteAsync(async w =>
        {
            await persons.InsertAsync(w, "S-moved", "council-1", new DateOnly(2035, 1, 1), "identity"u8.ToArray(), "alice");
            await cases.InsertAsync(w, new CaseRow
            {
                Id = "case-moved", CaseCode = "C-MOVED", SubjectRef = "S-moved", CouncilId = "council-1", GroupId = "g-1",
                StartDate = new DateOnly(2025, 1, 1), CreatedAt = w.Now, CreatedBy = "alice", BodyKind = 1,
            });
            var ok = await cases.MoveAsync(w, "case-moved", "g-1", "g-cddf", bodyKind: 2, reason: 1, decisionId: "d-1", by: "coordinator");
            var stale = await cases.MoveAsync(w, "case-moved", "g-1", "g-2", bodyKind: 1, reason: 1, decisionId: "d-2", by: "coordinator");
            await persons.RectifyAsync(w, "S-moved", "rectified"u8.ToArray(), new DateOnly(2035, 1, 1), ["surname"], "coordinator");
            await cases.CloseAsync(w, "case-moved", new DateOnly(2026, 6, 1), Today.AddDays(-1), "alice");
            return (ok, stale);
        }, Ct);
        var row = await db.ReadAsync(s => cases.FindAsync(s, "case-moved"), Ct);

        var done = await db.WriteAsync(w => new LifecycleStore().DestroyDueCasesAsync(w, Today, batch: 10), Ct);

        Assert.Equal((true, false), moved);
        Assert.Equal(("g-cddf", 2L), (row!.GroupId, row.BodyKind));
        Assert.Equal((1, 1), done);
        foreach (var table in new[] { "case_moves", "rectifications", "cases", "persons" })
        {
            Assert.Equal(0L, await db.ReadAsync(s => s.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), Ct));
        }
    }

    [Fact]
    public async Task PurgePast_AgendaOfPastMeetingsGoes_DecisionsAndTodaysAgendaStay_REC_9()
    {
        var db = await CreateDatabaseAsync();
        await SeedAsync(db, due: 0, notDue: 1);
        var meetings = new MeetingStore();
        await db.WriteAsync(async w =>
        {
            await meetings.PutAsync(w, "m-past", "case-000000", "g-1", Today.AddDays(-1), "sheet"u8.ToArray(), "alice");
            await meetings.PutAsync(w, "m-today", "case-000000", "g-1", Today, null, "alice");
            return await meetings.RecordDecisionAsync(w, "m-past", "case-000000", 1, "alice");
        }, Ct);

        var purged = await db.WriteAsync(w => meetings.PurgePastAsync(w, Today), Ct);

        Assert.Equal(1, purged);
        Assert.Equal("m-today", await db.ReadAsync(s => s.ExecuteScalarAsync<string>("SELECT meeting_id FROM agenda_items"), Ct));
        Assert.Equal(1L, await db.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM meeting_decisions"), Ct));
    }

    [Fact]
    public async Task DestroyDueCases_InBatches_OnlyDueOnesWithTheirPersons_REC_7()
    {
        var db = await CreateDatabaseAsync();
        await SeedAsync(db, due: 25, notDue: 3);
        var store = new LifecycleStore();

        var batches = new List<(int Cases, int Persons)>();
        (int Cases, int Persons) done;
        do
        {
            done = await db.WriteAsync(w => store.DestroyDueCasesAsync(w, Today, batch: 10), Ct);
            batches.Add(done);
        }
        while (done.Cases == 10);

        Assert.Equal([(10, 10), (10, 10), (5, 5)], batches);
        Assert.Equal(3L, await db.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM person_keys"), Ct));
        Assert.Equal(3L, await db.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"), Ct));
        var log = await db.ReadAsync(s => store.DeletionLogAsync(s, 100), Ct);
        Assert.Equal((25L, 25L), (log.Where(l => l.Kind == "case").Sum(l => l.Count), log.Where(l => l.Kind == "person").Sum(l => l.Count)));
    }

    [Fact]
    public async Task DestroyDueCases_BatchAboveSqlServersParameterLimit_AllGoInOneTransaction_REC_7()
    {
        // 2,100 parameters at most per SQL Server statement: a batch of 2,500 ids must not be one parameter each.
        var db = await CreateDatabaseAsync();
        await SeedAsync(db, due: 2_500, notDue: 1);
        var store = new LifecycleStore();

        var done = await db.WriteAsync(w => store.DestroyDueCasesAsync(w, Today, batch: 5_000), Ct);

        Assert.Equal((2_500, 2_500), done);
        Assert.Equal(["case-002500"], await db.ReadAsync(async s => (await s.QueryAsync<string>("SELECT id FROM cases")).AsList(), Ct));
        Assert.Equal(["S-002500"], await db.ReadAsync(async s => (await s.QueryAsync<string>("SELECT subject_ref FROM person_keys")).AsList(), Ct));
    }

    [Fact]
    public async Task CountDue_DueCasesReachedLimitAndCaselessPersons_CountedWhatTheBatchesWouldTake_REC_7()
    {
        var db = await CreateDatabaseAsync();
        await SeedAsync(db, due: 4, notDue: 2);
        var persons = NewPersons();
        var cases = new CaseStore();
        await db.WriteAsync(async w =>
        {
            // One active case of a person who turned 25 today, one person without a case who did too.
            await persons.InsertAsync(w, "S-limit", "council-1", Today, "identity"u8.ToArray(), "alice");
            await cases.InsertAsync(w, new CaseRow { Id = "case-limit", CaseCode = "C-LIMIT", SubjectRef = "S-limit", CouncilId = "council-1", GroupId = "g", StartDate = new DateOnly(2025, 1, 1), CreatedAt = w.Now, CreatedBy = "alice" });
            await persons.InsertAsync(w, "S-caseless", "council-1", Today, "identity"u8.ToArray(), "alice");
            return 0;
        }, Ct);
        var store = new LifecycleStore();
        var cutoff = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var before = await db.ReadAsync(s => store.CountDueAsync(s, Today, cutoff), Ct);
        await db.WriteAsync(w => store.DestroyDueCasesAsync(w, Today, batch: 3), Ct);
        var after = await db.ReadAsync(s => store.CountDueAsync(s, Today, cutoff), Ct);

        Assert.Equal(4 + 1 + 1, before);
        Assert.Equal(1 + 1 + 1, after);
    }

    [Fact]
    public async Task CloseAtAgeLimit_OnlyPersonsWhoReached25_REC_4()
    {
        var db = await CreateDatabaseAsync();
        var persons = NewPersons();
        var cases = new CaseStore();
        await db.WriteAsync(async w =>
        {
            foreach (var (subject, turns25) in new[] { ("S-old", Today), ("S-young", Today.AddDays(1)) })
            {
                await persons.InsertAsync(w, subject, "council-1", turns25, "identity"u8.ToArray(), "alice");
                await cases.InsertAsync(w, new CaseRow { Id = "case-" + subject, CaseCode = "C-" + subject, SubjectRef = subject, CouncilId = "council-1", GroupId = "g", StartDate = new DateOnly(2025, 1, 1), CreatedAt = w.Now, CreatedBy = "alice" });
            }

            return 0;
        }, Ct);

        var closed = await db.WriteAsync(w => new LifecycleStore().CloseAtAgeLimitAsync(w, Today, 100), Ct);
        var old = await db.ReadAsync(s => cases.FindAsync(s, "case-S-old"), Ct);

        Assert.Equal(1, closed);
        Assert.Equal((CaseRow.Archived, Today, Today), (old!.Status, old.EndDate, old.DestroyOn));
        Assert.Equal(CaseRow.Active, (await db.ReadAsync(s => cases.FindAsync(s, "case-S-young"), Ct))!.Status);
    }
}

public sealed class LifecycleStoreSqliteTests : LifecycleStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));
}

public sealed class LifecycleStoreSqlServerTests : LifecycleStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }
}

public sealed class LifecycleStorePostgresTests : LifecycleStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service));
    }

    // A case whose person or data key is gone, or a person whose data key is gone while the person stays: half purged.
    private const string HalfPurged = """
        SELECT (SELECT COUNT(*) FROM cases c WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.subject_ref = c.subject_ref)
                                              OR NOT EXISTS (SELECT 1 FROM person_keys k WHERE k.subject_ref = c.subject_ref))
             + (SELECT COUNT(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM person_keys k WHERE k.subject_ref = p.subject_ref))
        """;

    [Fact]
    public async Task DestroyDueCases_UnderConcurrentReadsOnPostgres_NoReadSeesAHalfPurgedCaseAndThePurgeCompletes_REC_7()
    {
        // Readers overlap the purge's transactions for real here (SQLite's readers see the last commit while one writer works).
        var db = await CreateDatabaseAsync();
        await SeedAsync(db, due: 200, notDue: 20);
        var store = new LifecycleStore();
        using var purging = new CancellationTokenSource();
        var reads = 0;
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var seen = new List<long>();
            while (!purging.IsCancellationRequested)
            {
                seen.Add(await db.ReadAsync(r => r.ExecuteScalarAsync<long>(HalfPurged), TestContext.Current.CancellationToken));
                Interlocked.Increment(ref reads);
            }

            return seen;
        }, TestContext.Current.CancellationToken)).ToList();

        var destroyed = 0;
        try
        {
            // Readers are reading before the first batch goes.
            while (Volatile.Read(ref reads) < 4)
            {
                await Task.Yield();
            }

            int done;
            do
            {
                done = (await db.WriteAsync(w => store.DestroyDueCasesAsync(w, Today, batch: 10), TestContext.Current.CancellationToken)).Cases;
                destroyed += done;
            }
            while (done > 0);
        }
        finally
        {
            await purging.CancelAsync();
        }

        var seenByReaders = (await Task.WhenAll(readers)).SelectMany(r => r).ToList();
        Assert.Equal(200, destroyed);
        Assert.All(seenByReaders, halfPurged => Assert.Equal(0L, halfPurged));
        Assert.Equal(20L, await db.ReadAsync(r => r.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM cases"), TestContext.Current.CancellationToken));
        Assert.Equal(20L, await db.ReadAsync(r => r.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM persons"), TestContext.Current.CancellationToken));
    }
}
