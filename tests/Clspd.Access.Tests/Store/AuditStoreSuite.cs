using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Clspd.Access.Tests.Store;

public abstract class AuditStoreSuite
{
    protected static readonly ServiceIdentity Service = new("access", typeof(AuditStore).Assembly);

    protected abstract Task<Database> CreateDatabaseAsync();

    private protected static AuditRecord NewEntry(int i) => NewEntry(i, "p" + i);

    private protected static AuditRecord NewEntry(int i, string principal) => new()
    {
        DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = new DateTimeOffset(2026, 11, 29, 10, 0, i % 60, TimeSpan.Zero).AddTicks(i * 1_234),
        Principal = principal, Role = 3, Action = 1, CaseId = "c" + i, SubjectRef = "S-" + i, CouncilId = "k", GroupId = "g",
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

        var rows = await db.ReadConnectionAsync(async c => (await c.QueryAsync<StoredEntry>(new CommandDefinition(
            "SELECT seq AS Seq, prev_hash AS PrevHash, entry_hash AS EntryHash FROM audit_entries ORDER BY seq",
            cancellationToken: TestContext.Current.CancellationToken))).AsList(), TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), rows.Select(r => r.Seq));
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].EntryHash, rows[i].PrevHash);
        }
    }

    [Fact]
    public async Task Appender_BatchesOfUnevenSizes_ReadBackExactlyAndVerify_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        var ct = TestContext.Current.CancellationToken;
        var written = new List<AuditRecord>();
        await using (var appender = await store.OpenAppenderAsync(ct))
        {
            // 300 = 128 + 128 + 32 + 8 + 4 rows on SQL Server (one row per insert on SQLite); then 1, then 7.
            foreach (var size in new[] { 300, 1, 7 })
            {
                var batch = Enumerable.Range(written.Count, size).Select(i => NewEntry(i)).ToList();
                Assert.Equal(written.Count + size, await appender.AppendAsync(batch, ct));
                written.AddRange(batch);
            }
        }

        await using var connection = await db.OpenAsync(ct);
        var read = new List<AuditRecord>();
        await foreach (var page in store.PagesAsync(connection, 100, ct))
        {
            read.AddRange(page);
        }

        Assert.Equal(written.Count, read.Count);
        var verifier = new AuditVerifier();
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Null(verifier.Next(read[i]));
            Assert.Equivalent(written[i], read[i], strict: true);
        }

        Assert.Equal(written[^1].EntryHash, verifier.HeadHash);
    }

    [Fact]
    public async Task Appender_MultiRowRuns_ReadBackExactlyAndVerify_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        var ct = TestContext.Current.CancellationToken;
        var batch = Enumerable.Range(0, 45).Select(i => NewEntry(i)).ToList();
        await using (var appender = await store.OpenAppenderAsync(ct, rowsPerStatement: 16))
        {
            Assert.Equal(16, appender.MaxRun);
            // 45 = 16 + 16 + 8 + 4 + 1
            Assert.Equal(45L, await appender.AppendAsync(batch, ct));
        }

        await using var connection = await db.OpenAsync(ct);
        var read = await store.PageAsync(connection, 0, 100, ct);
        var verifier = new AuditVerifier();
        Assert.Equal(45, read.Count);
        for (var i = 0; i < read.Count; i++)
        {
            Assert.Null(verifier.Next(read[i]));
            Assert.Equivalent(batch[i], read[i], strict: true);
        }
    }

    [Fact]
    public async Task VerificationPages_WrittenEntries_SameBytesAsFromTheRecords_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        var ct = TestContext.Current.CancellationToken;
        var written = Enumerable.Range(0, 300).Select(i => NewEntry(i)).ToList();
        written[7] = NewEntry(7, principal: "agent — équipe ☃ 𝄞");
        written[8] = new AuditRecord { DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = DateTimeOffset.UnixEpoch };
        await store.AppendBatchAsync(written, ct);

        await using var connection = await db.OpenAsync(ct);
        var expected = new AuditPage();
        var read = 0;
        var verifier = new AuditVerifier(parallelism: 4);
        await foreach (var page in store.VerificationPagesAsync(connection, 128, ct))
        {
            for (var i = 0; i < page.Count; i++, read++)
            {
                expected.Clear();
                expected.Add(written[read]);
                Assert.Equal(written[read].Seq, page.Sequence(i));
                Assert.Equal(expected.Content(0).ToArray(), page.Content(i).ToArray());
                Assert.Equal(expected.EntryHash(0).ToArray(), page.EntryHash(i).ToArray());
            }

            Assert.Null(verifier.Next(page, page.Count));
        }

        Assert.Equal(300, read);
        Assert.Equal((300L, written[^1].EntryHash), (verifier.Checked, verifier.HeadHash));
    }

    [Fact]
    public async Task VerificationPages_AfterSequence_StartsAtTheNextEntry_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        var ct = TestContext.Current.CancellationToken;
        await store.AppendBatchAsync(Enumerable.Range(0, 10).Select(i => NewEntry(i)).ToList(), ct);

        await using var connection = await db.OpenAsync(ct);
        var sequences = new List<long>();
        await foreach (var page in store.VerificationPagesAsync(connection, 3, ct, afterSequence: 4))
        {
            sequences.AddRange(Enumerable.Range(0, page.Count).Select(page.Sequence));
        }

        Assert.Equal([5L, 6L, 7L, 8L, 9L, 10L], sequences);
    }

    [Fact]
    public async Task Appender_TwoAppendersInTurn_OneChain_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        var ct = TestContext.Current.CancellationToken;
        await using var first = await store.OpenAppenderAsync(ct);
        await using var second = await store.OpenAppenderAsync(ct);
        var a = NewEntry(1);
        var b = NewEntry(2);

        await first.AppendAsync([a], ct);
        await second.AppendAsync([b], ct);

        Assert.Equal((2L, a.EntryHash), (b.Seq, b.PrevHash));
    }
}

public sealed class AuditStoreSqliteTests : AuditStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));

    [Fact]
    public async Task Appender_RowRefusedInsideBatch_NothingOfTheBatchWrittenAndTheChainGoesOn_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore(db);
        var ct = TestContext.Current.CancellationToken;
        await store.AppendBatchAsync([NewEntry(0), NewEntry(1)], ct);
        await db.ReadConnectionAsync(c => c.ExecuteAsync(
            "CREATE TRIGGER refuse_one BEFORE INSERT ON audit_entries WHEN NEW.principal = 'p-refused' BEGIN SELECT RAISE(ABORT, 'refused'); END;"), ct);
        await using var appender = await store.OpenAppenderAsync(ct);
        var batch = Enumerable.Range(2, 40).Select(i => NewEntry(i)).ToList();
        batch[37] = NewEntry(39, principal: "p-refused");

        await Assert.ThrowsAsync<SqliteException>(() => appender.AppendAsync(batch, ct));
        var after = await appender.AppendAsync([NewEntry(100)], ct);

        Assert.Equal(3L, after);
        Assert.Equal(3L, await db.ReadConnectionAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"), ct));
    }

    private static async Task<(long Sequence, AuditProblem Problem)?> VerifyAsync(Database db, int parallelism, int pageSize = 5_000)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new AuditStore(db);
        var verifier = new AuditVerifier(parallelism: parallelism);
        await using var connection = await db.OpenAsync(ct);
        await foreach (var page in store.VerificationPagesAsync(connection, pageSize, ct))
        {
            if (verifier.Next(page, page.Count) is { } bad)
            {
                return (bad.Sequence, bad.Problem);
            }
        }

        return null;
    }

    private async Task<Database> TrailAsync(int entries)
    {
        var db = await CreateDatabaseAsync();
        await new AuditStore(db).AppendBatchAsync(Enumerable.Range(0, entries).Select(i => NewEntry(i)).ToList(), TestContext.Current.CancellationToken);
        return db;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task VerificationPages_RowsAlteredInTwoSlices_TheEarlierNamed_ACC_4(int parallelism)
    {
        // 1,000 entries in one page, on 4 threads slices of 67: 150 is in the third slice, 870 in the thirteenth.
        var db = await TrailAsync(1_000);
        await db.ReadConnectionAsync(c => c.ExecuteAsync("UPDATE audit_entries SET reason = 'allowed' WHERE seq IN (870, 150)"), TestContext.Current.CancellationToken);

        Assert.Equal((150L, AuditProblem.Altered), await VerifyAsync(db, parallelism));
        Assert.Equal((150L, AuditProblem.Altered), await VerifyAsync(db, parallelism, pageSize: 100));
    }

    [Theory]
    [InlineData("DELETE FROM audit_entries WHERE seq = 420; UPDATE audit_entries SET principal = 'x' WHERE seq = 900", 420, AuditProblem.Missing)]
    [InlineData("UPDATE audit_entries SET prev_hash = (SELECT entry_hash FROM audit_entries WHERE seq = 10) WHERE seq = 600; UPDATE audit_entries SET outcome = 1 WHERE seq = 601", 600, AuditProblem.Reordered)]
    [InlineData("UPDATE audit_entries SET entry_hash = upper(entry_hash) WHERE seq = 333", 333, AuditProblem.Altered)]
    public async Task VerificationPages_TamperedRows_FirstProblemNamed_ACC_4(string tamper, long firstBad, AuditProblem problem)
    {
        var db = await TrailAsync(1_000);
        await db.ReadConnectionAsync(c => c.ExecuteAsync(tamper), TestContext.Current.CancellationToken);

        Assert.Equal((firstBad, problem), await VerifyAsync(db, parallelism: 4));
    }

    [Fact]
    public async Task VerificationPages_InstantStoredInAnotherFormOfTheSameInstant_Intact_ACC_4()
    {
        // Read as the same instant, as the records are read: the hash covers the instant, not its spelling.
        var db = await TrailAsync(5);
        await db.ReadConnectionAsync(c => c.ExecuteAsync("UPDATE audit_entries SET decided_at = '2026-11-29 11:00:03.0003702+01:00' WHERE seq = 4"),
            TestContext.Current.CancellationToken);

        Assert.Null(await VerifyAsync(db, parallelism: 1));
    }

    [Theory]
    [InlineData("not an instant")]
    [InlineData("2026-02-30T10:15:30.0000000Z")]
    [InlineData("")]
    public async Task VerificationPages_InstantUnreadable_Altered_ACC_4(string decidedAt)
    {
        var db = await TrailAsync(5);
        await db.ReadConnectionAsync(c => c.ExecuteAsync("UPDATE audit_entries SET decided_at = @DecidedAt WHERE seq = 2", new { DecidedAt = decidedAt }),
            TestContext.Current.CancellationToken);

        Assert.Equal((2L, AuditProblem.Altered), await VerifyAsync(db, parallelism: 1));
    }

    [Theory]
    [InlineData("2026-11-29T10:15:30.1234567Z", "2026-11-29T10:15:30.1234567Z")]
    [InlineData("2026-11-29 10:15:30Z", "2026-11-29T10:15:30.0000000Z")]
    [InlineData("2026-11-29T11:15:30+01:00", "2026-11-29T10:15:30.0000000Z")]
    [InlineData("2026-02-30T10:15:30.0000000Z", "2026-02-30T10:15:30.0000000Z")]
    [InlineData("garbage", "garbage")]
    public void AuditInstant_CanonicalUtf8_FixedAsStoredOtherFormsFormattedUnreadableAsStored(string stored, string canonical)
    {
        Span<byte> buffer = stackalloc byte[32];

        var text = AuditInstant.CanonicalUtf8(System.Text.Encoding.UTF8.GetBytes(stored), buffer);

        Assert.Equal(canonical, System.Text.Encoding.UTF8.GetString(text));
    }

    [Theory]
    [InlineData("2026-11-29T10:15:30.1234567Z", 2026, 11, 29, 10, 15, 30, 1234567)]
    [InlineData("2024-02-29T23:59:59.9999999Z", 2024, 2, 29, 23, 59, 59, 9999999)]
    [InlineData("2026-11-29 10:15:30Z", 2026, 11, 29, 10, 15, 30, 0)]
    [InlineData("2026-11-29T11:15:30+01:00", 2026, 11, 29, 10, 15, 30, 0)]
    public void AuditInstant_FromSqliteText_ReadsFixedWidthAndOtherForms(string text, int y, int mo, int d, int h, int mi, int s, int fraction)
    {
        var expected = new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero).AddTicks(fraction);

        var instant = AuditInstant.FromSqliteText(text);

        Assert.Equal(expected, instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void AuditInstant_FromSqliteText_ImpossibleDate_FormatException()
    {
        Assert.Throws<FormatException>(() => AuditInstant.FromSqliteText("2026-02-30T10:15:30.0000000Z"));
    }
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
