using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.ServiceDefaults;
using Clspd.Testing;
using Dapper;

namespace Clspd.Access.Tests.Store;

/// <summary>
/// ACC-4, the audit writer's group commit: callers are answered once their batch is on disk, each with its own
/// sequence, and resumed off the writer's thread, so that no caller's code holds up the next batch; a batch that
/// cannot be written fails every caller in it.
/// </summary>
public sealed class AuditWriterTests
{
    private static readonly ServiceIdentity Service = new("access", typeof(AuditStore).Assembly);

    private static AuditRecord Entry(int i, string principal = "user-1") => new()
    {
        DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero).AddSeconds(i), Principal = principal,
        Role = 3, Action = 1, CaseId = "case-" + i, SubjectRef = "S-" + i, CouncilId = "k1", GroupId = "g", ViewKind = 1, Outcome = 1, RuleIds = "ACC-1", Reason = "r",
    };

    [Fact]
    public async Task Append_CallerBlocksAfterItsEntry_NextBatchStillWrittenAndAnswered_ACC_4()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new AuditTrail(TestDatabases.Sqlite(Service));
        await using var running = await store.StartWriterAsync(ct);
        var writer = running.Writer;
        using var gate = new ManualResetEventSlim();
        try
        {
            // The first caller's code, once its entry is written, blocks its thread until the end of the test.
            var blocked = writer.AppendAsync(Entry(1), ct).ContinueWith(_ => gate.Wait(ct), ct, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            while (await store.Database.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"), deadline.Token) < 1)
            {
                await Task.Delay(10, deadline.Token);
            }

            var next = Enumerable.Range(2, 20).Select(i => Entry(i)).ToList();
            await Task.WhenAll(next.Select(e => writer.AppendAsync(e, deadline.Token))).WaitAsync(deadline.Token);

            Assert.False(blocked.IsCompleted);
            Assert.All(next, e => Assert.True(e.Seq >= 2, $"entry {e.CaseId} answered with its sequence"));
            Assert.Equal(21L, await store.Database.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"), ct));
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task Append_ManyCallersInOneBatch_EachAnsweredWithItsOwnSequence_ACC_4()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new AuditTrail(TestDatabases.Sqlite(Service));
        await using var running = await store.StartWriterAsync(ct);
        var entries = Enumerable.Range(0, 300).Select(i => Entry(i, "user-" + (i % 7))).ToList();

        await Task.WhenAll(entries.Select(e => running.Writer.AppendAsync(e, ct)));

        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), entries.Select(e => e.Seq).Order());
        Assert.All(entries, e => Assert.Equal(64, e.EntryHash.Length));
    }

    [Fact]
    public async Task Append_BatchRefused_EveryCallerInItGetsTheAuditFailure_ACC_4()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new AuditTrail(TestDatabases.Sqlite(Service));
        await store.Database.WriteAsync(s => s.ExecuteAsync(
            "CREATE TRIGGER refuse_all BEFORE INSERT ON audit_entries WHEN NEW.principal = 'p-refused' BEGIN SELECT RAISE(ABORT, 'refused'); END;"), ct);
        await using var running = await store.StartWriterAsync(ct);

        var appends = Enumerable.Range(0, 10).Select(i => running.Writer.AppendAsync(Entry(i, "p-refused"), ct)).ToList();

        foreach (var append in appends)
        {
            var e = await Assert.ThrowsAsync<AuditUnavailableException>(() => append);
            Assert.Contains("could not be written", e.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0L, await store.Database.ReadAsync(s => s.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM audit_entries"), ct));
    }
}
