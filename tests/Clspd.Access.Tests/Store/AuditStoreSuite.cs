using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.Access.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Microsoft.Data.Sqlite;
using System.Text;

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

    /// <summary>Appends through the reference path, in one write session.</summary>
    private protected static Task<long> AppendAsync(Database db, IReadOnlyList<AuditRecord> entries) =>
        db.WriteAsync(s => new AuditStore().AppendAsync(s, entries), TestContext.Current.CancellationToken);

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
        var store = new AuditStore();
        var first = NewEntry(1);
        var second = NewEntry(2);
        await AppendAsync(db, [first]);
        await AppendAsync(db, [second]);

        Assert.Equal((1L, AuditChain.Genesis), (first.Seq, first.PrevHash));
        Assert.Equal((2L, first.EntryHash), (second.Seq, second.PrevHash));
        Assert.Equal(AuditChain.Hash(second), second.EntryHash);
    }

    [Fact]
    public async Task Append_Concurrent_ChainStaysLinearWithoutGaps_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => AppendAsync(db, [NewEntry(i)]))));

        var rows = await db.ReadAsync(async s => (await s.QueryAsync<StoredEntry>(
            "SELECT seq AS Seq, prev_hash AS PrevHash, entry_hash AS EntryHash FROM audit_entries ORDER BY seq")).AsList(), TestContext.Current.CancellationToken);

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
        var store = new AuditStore();
        var ct = TestContext.Current.CancellationToken;
        var written = new List<AuditRecord>();
        await using (var appender = await AuditAppender.OpenAsync(db, ct))
        {
            // 300 = 128 + 128 + 32 + 8 + 4 rows on SQL Server (one row per insert on SQLite); then 1, then 7.
            foreach (var size in new[] { 300, 1, 7 })
            {
                var batch = Enumerable.Range(written.Count, size).Select(i => NewEntry(i)).ToList();
                Assert.Equal(written.Count + size, await appender.AppendAsync(batch, ct));
                written.AddRange(batch);
            }
        }

        var read = await db.ReadAsync(s => store.PageAsync(s, 0, 1_000), ct);

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
        var store = new AuditStore();
        var ct = TestContext.Current.CancellationToken;
        var batch = Enumerable.Range(0, 45).Select(i => NewEntry(i)).ToList();
        await using (var appender = await AuditAppender.OpenAsync(db, ct, rowsPerStatement: 16))
        {
            Assert.Equal(16, appender.MaxRun);
            // 45 = 16 + 16 + 8 + 4 + 1
            Assert.Equal(45L, await appender.AppendAsync(batch, ct));
        }

        var read = await db.ReadAsync(s => store.PageAsync(s, 0, 100), ct);
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
        var store = new AuditStore();
        var ct = TestContext.Current.CancellationToken;
        var written = Enumerable.Range(0, 300).Select(i => NewEntry(i)).ToList();
        written[7] = NewEntry(7, principal: "agent — équipe ☃ 𝄞");
        written[8] = new AuditRecord { DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = DateTimeOffset.UnixEpoch };
        await AppendAsync(db, written);

        await using var connection = await db.OpenAsync(ct);
        var read = 0;
        var verifier = new AuditPageVerifier(parallelism: 4);
        await foreach (var page in new AuditPageReader(db, store).PagesAsync(connection, 128, ct))
        {
            for (var i = 0; i < page.Count; i++, read++)
            {
                Assert.Equal(written[read].Seq, page.Sequence(i));
                Assert.Equal(Encoding.UTF8.GetBytes(AuditChain.Content(written[read])), page.Content(i).ToArray());
                Assert.Equal(Encoding.UTF8.GetBytes(written[read].EntryHash), page.EntryHash(i).ToArray());
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
        var store = new AuditStore();
        var ct = TestContext.Current.CancellationToken;
        await AppendAsync(db, Enumerable.Range(0, 10).Select(i => NewEntry(i)).ToList());

        await using var connection = await db.OpenAsync(ct);
        var sequences = new List<long>();
        await foreach (var page in new AuditPageReader(db, store).PagesAsync(connection, 3, ct, afterSequence: 4))
        {
            sequences.AddRange(Enumerable.Range(0, page.Count).Select(page.Sequence));
        }

        Assert.Equal([5L, 6L, 7L, 8L, 9L, 10L], sequences);
    }

    private protected static AuditRecord Copy(AuditRecord e) => new()
    {
        DecisionId = e.DecisionId, DecidedAt = e.DecidedAt, Principal = e.Principal, Role = e.Role, Action = e.Action, CaseId = e.CaseId,
        SubjectRef = e.SubjectRef, CouncilId = e.CouncilId, GroupId = e.GroupId, ViewKind = e.ViewKind, Outcome = e.Outcome, RuleIds = e.RuleIds,
        Reason = e.Reason,
    };

    [Fact]
    public async Task ReferenceAndFastPath_SameEntries_ByteIdenticalChains_ACC_4()
    {
        var ct = TestContext.Current.CancellationToken;
        var entries = Enumerable.Range(0, 200).Select(i => NewEntry(i)).ToList();
        entries[7] = NewEntry(7, principal: "agent — équipe ☃ 𝄞");
        entries[8] = new AuditRecord { DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = DateTimeOffset.UnixEpoch };
        var reference = await CreateDatabaseAsync();
        var fast = await CreateDatabaseAsync();
        var store = new AuditStore();
        int[] batches = [1, 3, 60, 136];

        var throughReference = new List<AuditRecord>();
        var throughFastPath = new List<AuditRecord>();
        await using (var appender = await AuditAppender.OpenAsync(fast, ct))
        {
            foreach (var size in batches)
            {
                var batch = entries.Skip(throughReference.Count).Take(size).ToList();
                var copies = batch.Select(Copy).ToList();
                await AppendAsync(reference, copies);
                await appender.AppendAsync(batch, ct);
                throughReference.AddRange(copies);
                throughFastPath.AddRange(batch);
            }
        }

        Assert.Equal(throughReference.Select(e => (e.Seq, e.PrevHash, e.EntryHash)), throughFastPath.Select(e => (e.Seq, e.PrevHash, e.EntryHash)));
        Assert.All(throughReference, e => Assert.Equal(AuditChain.Hash(e), AuditPage.Hash(e)));
        var storedReference = await StoredAsync(reference);
        var storedFast = await StoredAsync(fast);
        Assert.Equal(storedReference, storedFast);
        Assert.Equal(200, storedFast.Count);
    }

    /// <summary>Every column of every row as stored, instants as the provider's own text.</summary>
    private protected abstract Task<List<string>> StoredAsync(Database db);

    [Fact]
    public async Task PageVerifierAndReferenceVerifier_IntactTrail_AgreeOnTheHead_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        await AppendAsync(db, Enumerable.Range(0, 250).Select(i => NewEntry(i)).ToList());

        var (referenceFinding, referenceHead) = await ReferenceVerifyAsync(db);
        var (pageFinding, pageHead) = await PageVerifyAsync(db, new AuditStore(), ct);

        Assert.Null(referenceFinding);
        Assert.Null(pageFinding);
        Assert.Equal(referenceHead, pageHead);
    }

    private protected static async Task<(AuditFinding? Finding, string Head)> ReferenceVerifyAsync(Database db)
    {
        var verifier = new AuditVerifier();
        var records = await db.ReadAsync(s => new AuditStore().PageAsync(s, 0, 100_000), TestContext.Current.CancellationToken);
        return (verifier.Next(records), verifier.HeadHash);
    }

    private protected static async Task<(AuditFinding? Finding, string Head)> PageVerifyAsync(Database db, AuditStore store, CancellationToken ct)
    {
        var verifier = new AuditPageVerifier(parallelism: 4);
        await using var connection = await db.OpenAsync(ct);
        await foreach (var page in new AuditPageReader(db, store).PagesAsync(connection, 64, ct))
        {
            if (verifier.Next(page, page.Count) is { } bad)
            {
                return (bad, verifier.HeadHash);
            }
        }

        return (null, verifier.HeadHash);
    }

    [Fact]
    public async Task Appender_TwoAppendersInTurn_OneChain_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore();
        var ct = TestContext.Current.CancellationToken;
        await using var first = await AuditAppender.OpenAsync(db, ct);
        await using var second = await AuditAppender.OpenAsync(db, ct);
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

    private protected override Task<List<string>> StoredAsync(Database db) => db.ReadAsync(async s => (await s.QueryAsync<string>("""
        SELECT concat_ws('|', seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id, view_kind, outcome,
                         rule_ids, reason, prev_hash, entry_hash, typeof(decided_at), typeof(role))
        FROM audit_entries ORDER BY seq
        """)).AsList(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Appender_EmptyTexts_StoredAsEmptyTextNeverNull_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        var programme = NewEntry(0);
        var empty = new AuditRecord
        {
            DecisionId = programme.DecisionId, DecidedAt = programme.DecidedAt, Principal = programme.Principal, Role = programme.Role,
            Action = programme.Action, CaseId = "", SubjectRef = programme.SubjectRef, CouncilId = programme.CouncilId, GroupId = "",
            ViewKind = programme.ViewKind, Outcome = programme.Outcome, RuleIds = "", Reason = "",
        };
        await using (var appender = await AuditAppender.OpenAsync(db, ct))
        {
            await appender.AppendAsync([empty], ct);
        }

        var stored = await db.ReadAsync(s => s.QuerySingleAsync<string>(
            "SELECT concat_ws('|', typeof(case_id), length(case_id), typeof(group_id), typeof(rule_ids), typeof(reason)) FROM audit_entries"), ct);
        var (finding, _) = await ReferenceVerifyAsync(db);

        Assert.Equal("text|0|text|text|text", stored);
        Assert.Null(finding);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET reason = 'allowed' WHERE seq IN (170, 50)")]
    [InlineData("DELETE FROM audit_entries WHERE seq = 120; UPDATE audit_entries SET principal = 'x' WHERE seq = 190")]
    [InlineData("UPDATE audit_entries SET prev_hash = (SELECT entry_hash FROM audit_entries WHERE seq = 10) WHERE seq = 100")]
    [InlineData("UPDATE audit_entries SET entry_hash = upper(entry_hash) WHERE seq = 33")]
    [InlineData("UPDATE audit_entries SET decided_at = '2026-11-29 11:00:03.0003702+01:00' WHERE seq = 4")]
    [InlineData("UPDATE audit_entries SET seq = seq + 1000 WHERE seq = 250")]
    public async Task PageVerifierAndReferenceVerifier_TamperedTrail_SameFinding_ACC_4(string tamper)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await TrailAsync(250);
        await db.WriteAsync(s => s.ExecuteAsync(tamper), ct);

        var (referenceFinding, referenceHead) = await ReferenceVerifyAsync(db);
        var (pageFinding, pageHead) = await PageVerifyAsync(db, new AuditStore(), ct);

        Assert.Equal(referenceFinding, pageFinding);
        Assert.Equal(referenceHead, pageHead);
    }

    [Fact]
    public async Task Appender_RowRefusedInsideBatch_NothingOfTheBatchWrittenAndTheChainGoesOn_ACC_4()
    {
        var db = await CreateDatabaseAsync();
        var store = new AuditStore();
        var ct = TestContext.Current.CancellationToken;
        await AppendAsync(db, [NewEntry(0), NewEntry(1)]);
        await db.WriteAsync(s => s.ExecuteAsync(
            "CREATE TRIGGER refuse_one BEFORE INSERT ON audit_entries WHEN NEW.principal = 'p-refused' BEGIN SELECT RAISE(ABORT, 'refused'); END;"), ct);
        await using var appender = await AuditAppender.OpenAsync(db, ct);
        var batch = Enumerable.Range(2, 40).Select(i => NewEntry(i)).ToList();
        batch[37] = NewEntry(39, principal: "p-refused");

        await Assert.ThrowsAsync<SqliteException>(() => appender.AppendAsync(batch, ct));
        var after = await appender.AppendAsync([NewEntry(100)], ct);

        Assert.Equal(3L, after);
        Assert.Equal(3L, await db.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"), ct));
    }

    private static async Task<(long Sequence, AuditProblem Problem)?> VerifyAsync(Database db, int parallelism, int pageSize = 5_000)
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new AuditStore();
        var verifier = new AuditPageVerifier(parallelism: parallelism);
        await using var connection = await db.OpenAsync(ct);
        await foreach (var page in new AuditPageReader(db, store).PagesAsync(connection, pageSize, ct))
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
        await AppendAsync(db, Enumerable.Range(0, entries).Select(i => NewEntry(i)).ToList());
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
        await db.WriteAsync(s => s.ExecuteAsync("UPDATE audit_entries SET reason = 'allowed' WHERE seq IN (870, 150)"), TestContext.Current.CancellationToken);

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
        await db.WriteAsync(s => s.ExecuteAsync(tamper), TestContext.Current.CancellationToken);

        Assert.Equal((firstBad, problem), await VerifyAsync(db, parallelism: 4));
    }

    [Fact]
    public async Task VerificationPages_InstantStoredInAnotherFormOfTheSameInstant_Intact_ACC_4()
    {
        // Read as the same instant, as the records are read: the hash covers the instant, not its spelling.
        var db = await TrailAsync(5);
        await db.WriteAsync(s => s.ExecuteAsync("UPDATE audit_entries SET decided_at = '2026-11-29 11:00:03.0003702+01:00' WHERE seq = 4"),
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
        await db.WriteAsync(s => s.ExecuteAsync("UPDATE audit_entries SET decided_at = @DecidedAt WHERE seq = 2", new { DecidedAt = decidedAt }),
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
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }

    private protected override Task<List<string>> StoredAsync(Database db) => db.ReadAsync(async s => (await s.QueryAsync<string>("""
        SELECT CONCAT_WS('|', seq, decision_id, CONVERT(nvarchar(40), decided_at, 127), principal, role, action, case_id, subject_ref, council_id,
                         group_id, view_kind, outcome, rule_ids, reason, prev_hash, entry_hash)
        FROM dbo.audit_entries ORDER BY seq
        """)).AsList(), TestContext.Current.CancellationToken);
}

public sealed class AuditStorePostgresTests : AuditStoreSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service));
    }

    private protected override Task<List<string>> StoredAsync(Database db) => db.ReadAsync(async s => (await s.QueryAsync<string>("""
        SELECT concat_ws('|', seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id, view_kind, outcome,
                         rule_ids, reason, prev_hash, entry_hash, pg_typeof(decided_at))
        FROM audit_entries ORDER BY seq
        """)).AsList(), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Append_InstantBetweenMicroseconds_StoredToTheTickAndTheChainVerifies_ACC_4()
    {
        // TIMESTAMPTZ would keep 10:00:00.123456 and lose the last tick the hash covers.
        var db = await CreateDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        var entry = NewEntry(1);
        var decidedAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        var exact = new AuditRecord
        {
            DecisionId = entry.DecisionId, DecidedAt = decidedAt, Principal = entry.Principal, Role = entry.Role, Action = entry.Action, CaseId = entry.CaseId,
            SubjectRef = entry.SubjectRef, CouncilId = entry.CouncilId, GroupId = entry.GroupId, ViewKind = entry.ViewKind, Outcome = entry.Outcome,
            RuleIds = entry.RuleIds, Reason = entry.Reason,
        };
        await using (var appender = await AuditAppender.OpenAsync(db, ct))
        {
            await appender.AppendAsync([exact], ct);
        }

        var stored = await db.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT decided_at FROM audit_entries WHERE seq = 1"), ct);
        var read = Assert.Single(await db.ReadAsync(s => new AuditStore().PageAsync(s, 0, 10), ct));

        Assert.Equal(decidedAt.UtcTicks, stored);
        Assert.Equal(decidedAt, read.DecidedAt);
        Assert.Equal(exact.EntryHash, AuditChain.Hash(read));
        Assert.Null((await PageVerifyAsync(db, new AuditStore(), ct)).Finding);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET reason = 'allowed' WHERE seq IN (170, 50)", 50L, AuditProblem.Altered)]
    [InlineData("UPDATE audit_entries SET decided_at = decided_at + 1 WHERE seq = 4", 4L, AuditProblem.Altered)]
    [InlineData("DELETE FROM audit_entries WHERE seq = 120", 120L, AuditProblem.Missing)]
    public async Task PageVerifierAndReferenceVerifier_TamperedTrail_FirstProblemNamed_ACC_4(string tamper, long firstBad, AuditProblem problem)
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await CreateDatabaseAsync();
        await AppendAsync(db, Enumerable.Range(0, 250).Select(i => NewEntry(i)).ToList());
        await db.WriteAsync(s => s.ExecuteAsync(tamper), ct);

        var (referenceFinding, referenceHead) = await ReferenceVerifyAsync(db);
        var (pageFinding, pageHead) = await PageVerifyAsync(db, new AuditStore(), ct);

        Assert.Equal(referenceFinding, pageFinding);
        Assert.Equal(referenceHead, pageHead);
        Assert.Equal<(long?, AuditProblem?)>((firstBad, problem), (pageFinding?.Sequence, pageFinding?.Problem));
    }

    [Fact]
    public async Task Appenders_ConcurrentOnTheirOwnConnections_OneChainWithoutGaps_ACC_4()
    {
        // Several writers (as several instances of the service would be) take turns on the table lock.
        var db = await CreateDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            await using var appender = await AuditAppender.OpenAsync(db, ct);
            for (var b = 0; b < 10; b++)
            {
                await appender.AppendAsync(Enumerable.Range(0, 5).Select(i => NewEntry((w * 1000) + (b * 10) + i)).ToList(), ct);
            }
        }, ct)));

        var (finding, head) = await ReferenceVerifyAsync(db);
        Assert.Null(finding);
        Assert.Equal(200L, await db.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"), ct));
        Assert.Equal(await db.ReadAsync(s => s.ExecuteScalarAsync<string>("SELECT entry_hash FROM audit_entries WHERE seq = 200"), ct), head);
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

    [Fact]
    public void SqlServerStatements_OfTheStores_ParseWithoutErrors()
    {
        var errors = SqlServerScripts.StatementParseErrors(typeof(AuditStore).Assembly, out var parsed, typeof(Clspd.Access.Store.FastPath.AuditKeyIndex));
        Assert.True(parsed >= 6, $"only {parsed} statements found");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Scripts_PostgresFolderHasTheSqlServerNames()
    {
        // SQLite alone has 0102 (the lookup keys moved to their own file); the server databases keep the keys in the trail's table.
        static string[] Names(DatabaseProvider provider)
        {
            var marker = ".Migrations." + MigrationScripts.Folder(provider) + ".";
            return [.. typeof(AuditStore).Assembly.GetManifestResourceNames().Where(MigrationScripts.Filter(provider))
                .Select(n => n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]).Order(StringComparer.Ordinal)];
        }

        Assert.Equal(["0100_audit.sql", "0101_audit_council.sql"], Names(DatabaseProvider.Postgres));
        Assert.Equal(Names(DatabaseProvider.SqlServer), Names(DatabaseProvider.Postgres));
    }
}
