using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;

namespace Clspd.Access.Tests.Store;

public abstract class AuditStoreSuite
{
    protected static readonly ServiceIdentity Service = new("access", typeof(AuditStore).Assembly);

    protected abstract Task<Database> CreateDatabaseAsync();

    private static AuditRecord NewEntry(int i) => new()
    {
        DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = new DateTimeOffset(2026, 11, 29, 10, 0, i % 60, TimeSpan.Zero),
        Principal = "p" + i, Role = 3, Action = 1, CaseId = "c" + i, SubjectRef = "S-" + i, CouncilId = "k", GroupId = "g",
        ViewKind = 1, Outcome = i % 2 == 0 ? 1 : 2, RuleIds = "ACC-1", Reason = "reason " + i,
    };

    private sealed class StoredEntry
    {
        public long Seq { get; init; }
        public string PrevHash { get; init; } = "";
        public string EntryHash { get; init; } = "";
    }

    [Fact]
    public async Task Append_Sequential_ChainsEachEntryToThePrevious_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        var first = NewEntry(1);
        var second = NewEntry(2);
        await store.AppendAsync(first, TestContext.Current.CancellationToken);
        await store.AppendAsync(second, TestContext.Current.CancellationToken);

        Assert.Equal((1L, AuditChain.Genesis), (first.Seq, first.PrevHash));
        Assert.Equal((2L, first.EntryHash), (second.Seq, second.PrevHash));
        Assert.Equal(AuditChain.Hash(second), second.EntryHash);
    }

    [Fact]
    public async Task Append_Concurrent_ChainStaysLinearWithoutGaps_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => store.AppendAsync(NewEntry(i), TestContext.Current.CancellationToken))));

        var rows = await db.ReadAsync(async c => (await c.QueryAsync<StoredEntry>(new CommandDefinition(
            "SELECT seq AS Seq, prev_hash AS PrevHash, entry_hash AS EntryHash FROM audit_entries ORDER BY seq",
            cancellationToken: TestContext.Current.CancellationToken))).AsList(), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), rows.Select(r => r.Seq));
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].EntryHash, rows[i].PrevHash);
        }
    }
}

public sealed class AuditStoreSqliteTests : AuditStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));
}

public sealed class AuditStoreSqlServerTests : AuditStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(DockerProbe.IsAvailable, DockerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }
}

public sealed class AccessMigrationTests
{
    [Fact]
    public void SqlServerScripts_ParseWithoutErrors()
    {
        Assert.NotEmpty(SqlServerScripts.Names(typeof(AuditStore).Assembly));
        Assert.Empty(SqlServerScripts.ParseErrors(typeof(AuditStore).Assembly));
    }
}
