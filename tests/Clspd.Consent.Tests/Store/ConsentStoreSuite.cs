using Clspd.Consent.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Consent.Tests.Store;

/// <summary>The consent stores on one database provider: ordering, replacement, publication, immutability.</summary>
public abstract class ConsentStoreSuite
{
    protected static readonly ServiceIdentity Service = new("consent", typeof(ConsentStore).Assembly);

    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    protected abstract Task<Database> CreateDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DecisionRow Decision(string id, int decision, long revision) => new()
    {
        Id = id, SubjectRef = "p-1", Purpose = 3, GroupId = "", Decision = decision, DecidedByRef = "p-1", Evidence = "form",
        NoticeVersion = "n-1", DecidedAt = T0, RecordedBy = "worker", ContentSha256 = new string('a', 64), DeciderRole = 1, Revision = revision,
    };

    [Fact]
    public async Task Decisions_SameInstant_ReadInRevisionOrder_CON_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new ConsentStore();
        // Ids sort the other way round: only the revision may order them.
        await db.WriteAsync(async w =>
        {
            var revision = await w.AppendChangeAsync("decision", "z", new Empty());
            await store.InsertDecisionAsync(w, Decision("z", 1, revision));
            revision = await w.AppendChangeAsync("decision", "a", new Empty());
            await store.InsertDecisionAsync(w, Decision("a", 3, revision));
            return revision;
        }, Ct);

        var rows = await db.ReadAsync(s => store.DecisionsAsync(s, "p-1", 3, ""), Ct);

        Assert.Equal(["z", "a"], rows.Select(r => r.Id));
        Assert.Equal(T0, rows[0].DecidedAt);
        Assert.Equal(1, rows[0].DeciderRole);
    }

    [Fact]
    public async Task History_AfterRevisionWithLimit_Paged_CON_5()
    {
        var db = await CreateDatabaseAsync();
        var store = new ConsentStore();
        await db.WriteAsync(async w =>
        {
            await store.InsertInformingAsync(w, new InformingRow
            {
                Id = "i-1", SubjectRef = "p-1", PartyRef = "p-1", InformedAt = T0, InformedBy = "worker", Channel = 1, NoticeVersion = "n-1", RecordedAt = T0, Revision = 1,
            });
            await store.InsertDecisionAsync(w, Decision("d-2", 1, 2));
            await store.InsertDecisionAsync(w, Decision("d-3", 2, 3));
            return 0;
        }, Ct);

        var (informings, decisions) = await db.ReadAsync(s => store.HistoryAsync(s, "p-1", 1, 1), Ct);

        Assert.Empty(informings);
        Assert.Equal("d-2", Assert.Single(decisions).Id);
    }

    [Fact]
    public async Task PutSubject_Twice_ReplacesRepresentativesAndGroups()
    {
        var db = await CreateDatabaseAsync();
        var store = new SubjectStore();
        SubjectRow Row(string[] reps, string[] groups, long revision) => new()
        {
            SubjectRef = "p-1", MinorUntil = new DateOnly(2030, 1, 1), UpdatedBy = "svc:records", UpdatedAt = T0, Revision = revision,
            LegalRepresentatives = reps, Groups = groups,
        };
        await db.WriteAsync(async w => { await store.PutAsync(w, Row(["r-1", "r-2"], ["g-1"], 1)); return 0; }, Ct);
        await db.WriteAsync(async w => { await store.PutAsync(w, Row(["r-2"], ["g-2", "g-3"], 2)); return 0; }, Ct);

        var read = await db.ReadAsync(s => store.FindAsync(s, "p-1"), Ct);

        Assert.NotNull(read);
        Assert.Equal(new DateOnly(2030, 1, 1), read.MinorUntil);
        Assert.Equal(["r-2"], read.LegalRepresentatives);
        Assert.Equal(["g-2", "g-3"], read.Groups);
        Assert.Equal(2, read.Revision);
    }

    [Fact]
    public async Task LockSubject_Unknown_False()
    {
        var db = await CreateDatabaseAsync();

        Assert.False(await db.WriteAsync(w => new SubjectStore().LockAsync(w, "nobody"), Ct));
    }

    [Fact]
    public async Task PublishNotice_TwoDraftsOfACouncil_Versions1And2ThenImmutable_CON_1()
    {
        var db = await CreateDatabaseAsync();
        var store = new NoticeStore();
        NoticeRow Draft(string id) => new()
        {
            Id = id, CouncilId = "c-1", Status = NoticeStore.Draft, Title = "t", Controller = "c", Purposes = "p", Recipients = "r", Retention = "r",
            LegalBasis = "l", Rights = "r", RightsContact = "r", DpoContact = "d", CnilComplaint = "c", AdditionalInformation = "",
            CreatedBy = "dpo", CreatedAt = T0, UpdatedAt = T0,
        };

        var versions = await db.WriteAsync(async w =>
        {
            await store.InsertAsync(w, Draft("n-1"));
            await store.InsertAsync(w, Draft("n-2"));
            return new[] { await store.PublishAsync(w, "n-1", "c-1", "dpo"), await store.PublishAsync(w, "n-2", "c-1", "dpo"), await store.PublishAsync(w, "n-1", "c-1", "dpo") };
        }, Ct);
        var updated = await db.WriteAsync(w => store.UpdateDraftAsync(w, Draft("n-1")), Ct);
        var read = await db.ReadAsync(s => store.FindAsync(s, "n-1"), Ct);

        Assert.Equal([1, 2, 0], versions);
        Assert.False(updated);
        Assert.Equal(NoticeStore.Published, read!.Status);
        Assert.Equal("dpo", read.PublishedBy);
        Assert.Equal(T0, read.PublishedAt);
    }

    [Fact]
    public async Task PublishNotice_ConcurrentPublicationsOfACouncil_EachItsOwnVersion_CON_1()
    {
        var db = await CreateDatabaseAsync();
        Assert.SkipWhen(db.Provider == DatabaseProvider.Sqlite, "SQLite has one writer at a time: publications cannot run concurrently");
        var store = new NoticeStore();
        const int Writers = 6;
        var ids = Enumerable.Range(1, Writers).Select(i => $"n-{i}").ToArray();
        await db.WriteAsync(async w =>
        {
            foreach (var id in ids)
            {
                await store.InsertAsync(w, new NoticeRow
                {
                    Id = id, CouncilId = "c-1", Status = NoticeStore.Draft, Title = "t", Controller = "c", Purposes = "p", Recipients = "r", Retention = "r",
                    LegalBasis = "l", Rights = "r", RightsContact = "r", DpoContact = "d", CnilComplaint = "c", AdditionalInformation = "",
                    CreatedBy = "dpo", CreatedAt = T0, UpdatedAt = T0,
                });
            }

            return 0;
        }, Ct);

        // Every transaction is open before any publishes, so that all of them compete for the next version.
        var open = 0;
        var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var versions = await Task.WhenAll(ids.Select(id => db.WriteAsync(async w =>
        {
            if (Interlocked.Increment(ref open) == Writers)
            {
                allOpen.SetResult();
            }

            await allOpen.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
            return await store.PublishAsync(w, id, "c-1", "dpo");
        }, Ct)));

        Assert.Equal(Enumerable.Range(1, Writers), versions.Order());
    }
}

public sealed class ConsentStoreSqliteTests : ConsentStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));
}

public sealed class ConsentStoreSqlServerTests : ConsentStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }
}

public sealed class ConsentStorePostgresTests : ConsentStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service));
    }
}
