using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Clspd.Access.Tests.Store;

/// <summary>
/// SQLite keeps the trail's lookup keys (case, participant, subject) in a file of their own,
/// written after the commit: queries must give the same answer whether the keys cover none, part
/// or all of the trail, and the keys must be rebuilt whenever they do not match it.
/// </summary>
public sealed class AuditKeyIndexTests
{
    private static readonly ServiceIdentity Service = new("access", typeof(AuditStore).Assembly);
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private static AuditRecord Entry(int i, string casePrefix = "case-") => new()
    {
        DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = Start.AddMinutes(i), Principal = "user-" + (i % 5),
        Role = 3, Action = 1, CaseId = casePrefix + (i % 3), SubjectRef = "S-" + (i % 7), CouncilId = i % 4 == 0 ? "k2" : "k1",
        GroupId = "g", ViewKind = 1, Outcome = 1, RuleIds = "ACC-1", Reason = "r",
    };

    private static async Task<(AuditTrail Store, List<AuditRecord> Written)> TrailAsync(int count, CancellationToken ct)
    {
        var store = new AuditTrail(TestDatabases.Sqlite(Service));
        var written = Enumerable.Range(0, count).Select(i => Entry(i)).ToList();
        await store.AppendBatchAsync(written, ct);
        return (store, written);
    }

    private static readonly Func<AuditRecord, bool> Any = _ => true;

    /// <summary>Each query: its filter, and which written entries it must return.</summary>
    public static TheoryData<string> Queries => ["case", "principal", "subject", "case+principal", "subject+period", "principal+councils"];

    private static (AuditFilter Filter, Func<AuditRecord, bool> Expected) Query(string name) => name switch
    {
        "case" => (new AuditFilter { CaseId = "case-1" }, e => e.CaseId == "case-1"),
        "principal" => (new AuditFilter { Principal = "user-2" }, e => e.Principal == "user-2"),
        "subject" => (new AuditFilter { SubjectRef = "S-3" }, e => e.SubjectRef == "S-3"),
        "case+principal" => (new AuditFilter { CaseId = "case-0", Principal = "user-0" }, e => e.CaseId == "case-0" && e.Principal == "user-0"),
        "subject+period" => (new AuditFilter { SubjectRef = "S-5", From = Start.AddMinutes(40), To = Start.AddMinutes(170) },
            e => e.SubjectRef == "S-5" && e.DecidedAt >= Start.AddMinutes(40) && e.DecidedAt < Start.AddMinutes(170)),
        "principal+councils" => (new AuditFilter { Principal = "user-4", CouncilIds = ["k2"] }, e => e.Principal == "user-4" && e.CouncilId == "k2"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Every page of a query, walked as ListAuditEntries' callers do (after the last sequence of each full page).</summary>
    private static async Task<List<long>> AllPagesAsync(AuditTrail store, AuditFilter filter, int pageSize, CancellationToken ct)
    {
        var seqs = new List<long>();
        var after = 0L;
        while (true)
        {
            var page = await store.FindAsync(filter with { AfterSequence = after, Limit = pageSize }, ct);
            seqs.AddRange(page.Select(e => e.Seq));
            if (page.Count < pageSize)
            {
                return seqs;
            }

            after = page[^1].Seq;
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Find_KeysCoverNonePartOrAllOfTheTrail_SameEntries_ACC_6(string query)
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, written) = await TrailAsync(300, ct);
        var (filter, expected) = Query(query);
        var want = written.Where(expected).Select(e => e.Seq).ToList();
        Assert.NotEmpty(want);

        Assert.Equal(0, await store.Keys.IndexedThroughAsync(ct));
        Assert.Equal(want, await AllPagesAsync(store, filter, 7, ct));

        Assert.Equal(130, await store.Keys.CatchUpAsync(130, ct));
        Assert.Equal(130, await store.Keys.IndexedThroughAsync(ct));
        Assert.Equal(want, await AllPagesAsync(store, filter, 7, ct));
        Assert.Equal(want, await AllPagesAsync(store, filter, 1000, ct));

        Assert.Equal(170, await store.Keys.CatchUpAsync(1000, ct));
        Assert.Equal(0, await store.Keys.CatchUpAsync(1000, ct));
        Assert.Equal(want, await AllPagesAsync(store, filter, 7, ct));
        Assert.Equal(want.Take(3), (await store.FindAsync(filter with { Limit = 3 }, ct)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Find_IndexedEntries_AreFoundThroughTheKeysNotByReadingTheTrail_ACC_6()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, written) = await TrailAsync(60, ct);
        await store.Keys.CatchUpAsync(1000, ct);

        // Remove the keys of case-1's first ten entries: those entries are indexed, so the query only finds them through the keys.
        var caseOne = written.Where(e => e.CaseId == "case-1").Select(e => e.Seq).ToList();
        await using (var keys = new SqliteConnection($"Data Source={store.Keys.Path};Pooling=False"))
        {
            Assert.Equal(10, await keys.ExecuteAsync("DELETE FROM audit_keys WHERE kind = 1 AND key = 'case-1' AND seq <= @Last", new { Last = caseOne[9] }));
        }

        Assert.Equal(caseOne.Skip(10), (await store.FindAsync(new AuditFilter { CaseId = "case-1" }, ct)).Select(e => e.Seq));
        Assert.Equal(170, await CountKeysAsync(store));
    }

    [Fact]
    public async Task CatchUp_TrailReplacedByAnother_KeysRebuiltFromTheTrail_ACC_6()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, _) = await TrailAsync(50, ct);
        Assert.Equal(50, await store.Keys.CatchUpAsync(1000, ct));

        // A restored or replaced database: another trail of 40 entries, whose 40th entry differs from the one indexed.
        await store.Database.WriteAsync(w => w.ExecuteAsync("DELETE FROM audit_entries"), ct);
        var other = Enumerable.Range(0, 40).Select(i => Entry(i, "other-")).ToList();
        await store.AppendBatchAsync(other, ct);

        Assert.Equal(40, await store.Keys.CatchUpAsync(1000, ct));
        Assert.Equal(40, await store.Keys.IndexedThroughAsync(ct));
        Assert.Equal(120, await CountKeysAsync(store));
        Assert.Empty(await store.FindAsync(new AuditFilter { CaseId = "case-1" }, ct));
        Assert.Equal(other.Where(e => e.CaseId == "other-1").Select(e => e.Seq), (await store.FindAsync(new AuditFilter { CaseId = "other-1" }, ct)).Select(e => e.Seq));
    }

    [Fact]
    public async Task CatchUp_KeysFileDiscarded_RebuiltFromTheFirstEntry_ACC_6()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, written) = await TrailAsync(30, ct);
        await store.Keys.CatchUpAsync(1000, ct);

        await store.Keys.DiscardAsync(ct);
        Assert.False(File.Exists(store.Keys.Path));
        Assert.Equal(0, await store.Keys.IndexedThroughAsync(ct));
        Assert.Equal(30, await store.Keys.CatchUpAsync(1000, ct));
        Assert.Equal(written.Where(e => e.Principal == "user-3").Select(e => e.Seq),
            (await store.FindAsync(new AuditFilter { Principal = "user-3" }, ct)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Indexer_KeysFileUnreadable_QueriesReadTheTrailAndTheFileIsRebuilt_ACC_6()
    {
        var ct = TestContext.Current.CancellationToken;
        var (store, written) = await TrailAsync(40, ct);
        await store.Keys.CatchUpAsync(1000, ct);
        await store.Keys.DiscardAsync(ct);
        await File.WriteAllBytesAsync(store.Keys.Path!, new byte[8192], ct);
        var want = written.Where(e => e.SubjectRef == "S-2").Select(e => e.Seq).ToList();

        Assert.Equal(want, (await store.FindAsync(new AuditFilter { SubjectRef = "S-2" }, ct)).Select(e => e.Seq));
        var unreadable = await Assert.ThrowsAsync<SqliteException>(() => store.Keys.CatchUpAsync(1000, ct));
        Assert.True(AuditKeyIndex.IsUnreadableFile(unreadable));

        var indexer = new AuditIndexer(store.Keys, NullLogger<AuditIndexer>.Instance);
        await indexer.StartAsync(ct);
        try
        {
            // The indexer discards the file after its first failure and rebuilds it five seconds later.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            while (await IndexedOrZeroAsync(store, deadline.Token) < 40)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
        finally
        {
            await indexer.StopAsync(CancellationToken.None);
        }

        Assert.Equal(120, await CountKeysAsync(store));
        Assert.Equal(want, (await store.FindAsync(new AuditFilter { SubjectRef = "S-2" }, ct)).Select(e => e.Seq));
    }

    [Fact]
    public async Task Writer_GroupCommit_IndexerWokenIndexesTheNewEntries_ACC_6()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new AuditTrail(TestDatabases.Sqlite(Service));
        var writer = new AuditWriter(store.Database, store.Keys, NullLogger<AuditWriter>.Instance);
        var indexer = new AuditIndexer(store.Keys, NullLogger<AuditIndexer>.Instance);
        await writer.StartAsync(ct);
        await indexer.StartAsync(ct);
        try
        {
            var entries = Enumerable.Range(0, 25).Select(i => Entry(i)).ToList();
            await Task.WhenAll(entries.Select(e => writer.AppendAsync(e, ct)));
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            while (await store.Keys.IndexedThroughAsync(deadline.Token) < 25)
            {
                await Task.Delay(20, deadline.Token);
            }

            Assert.Equal(75, await CountKeysAsync(store));
        }
        finally
        {
            await indexer.StopAsync(CancellationToken.None);
            await writer.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public void Keys_SqlServer_KeptInTheTrailsOwnIndexes()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new DatabaseOptions
        {
            Provider = DatabaseProvider.SqlServer, ConnectionString = "Server=127.0.0.1;Database=clspd_access;Integrated Security=false;User Id=x;Password=y",
        });
        var store = new AuditTrail(new Database(options, Service, new Clspd.ServiceDefaults.ChangeFeed.ChangeSignal(), TimeProvider.System));

        Assert.False(store.Keys.Enabled);
        Assert.Null(store.Keys.Path);
    }

    private static async Task<long> IndexedOrZeroAsync(AuditTrail store, CancellationToken ct)
    {
        try
        {
            return await store.Keys.IndexedThroughAsync(ct);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    private static async Task<long> CountKeysAsync(AuditTrail store)
    {
        await using var keys = new SqliteConnection($"Data Source={store.Keys.Path};Pooling=False");
        return await keys.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_keys");
    }
}
