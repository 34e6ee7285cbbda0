using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Clspd.Testing;
using Dapper;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>The change feed and request log, run once per database provider.</summary>
public abstract class ChangeFeedSuite
{
    protected static readonly ServiceIdentity Service = new("defaults", typeof(ChangeFeedSuite).Assembly);

    /// <summary>Whether two write transactions can both read before either writes (SQLite takes its write lock at the start).</summary>
    protected virtual bool InterleavesWriters => false;

    protected abstract Task<Database> CreateDatabaseAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppendChange_SeveralInOneTransaction_RevisionsIncreaseByOne()
    {
        var db = await CreateDatabaseAsync();
        var revisions = await db.WriteAsync(async w =>
            new[] { await w.AppendChangeAsync("k", "a", new StringValue { Value = "1" }), await w.AppendChangeAsync("k", "b", new StringValue { Value = "2" }) }, Ct);
        var next = await db.WriteAsync(w => w.AppendChangeAsync("k", "c", new StringValue { Value = "3" }), Ct);

        Assert.Equal([1L, 2L], revisions);
        Assert.Equal(3L, next);
        var current = await db.ReadAsync(ChangeLog.CurrentRevisionAsync, Ct);
        Assert.Equal(3L, current);
    }

    [Fact]
    public async Task Write_Throws_NothingCommittedAndNoRevisionConsumed()
    {
        var db = await CreateDatabaseAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteAsync<long>(async w =>
        {
            await w.AppendChangeAsync("k", "a", new StringValue { Value = "lost" });
            throw new InvalidOperationException("boom");
        }, Ct));
        var revision = await db.WriteAsync(w => w.AppendChangeAsync("k", "b", new StringValue { Value = "kept" }), Ct);

        Assert.Equal(1L, revision);
        var changes = await db.ReadAsync(s => ChangeLog.ReadAfterAsync(s, 0, 10), Ct);
        Assert.Equal("kept", StringValue.Parser.ParseFrom(Assert.Single(changes).Payload).Value);
    }

    [Fact]
    public async Task Follow_FromZero_ReplaysStoredThenStreamsNewChangesInOrder()
    {
        var db = await CreateDatabaseAsync();
        var signal = new ChangeSignal();
        var follower = new ChangeFollower(db, signal) { PollInterval = TimeSpan.FromMilliseconds(100) };
        await db.WriteAsync(w => w.AppendChangeAsync("k", "a", new StringValue { Value = "stored" }), Ct);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<(long, string)>();
        var reading = Task.Run(async () =>
        {
            await foreach (var change in follower.FollowAsync(0, cts.Token))
            {
                if (change.IsHeartbeat)
                {
                    continue;
                }

                seen.Add((change.Revision, StringValue.Parser.ParseFrom(change.Payload).Value));
                if (seen.Count == 3)
                {
                    break;
                }
            }
        }, Ct);
        await db.WriteAsync(w => w.AppendChangeAsync("k", "b", new StringValue { Value = "new-1" }), Ct);
        await db.WriteAsync(w => w.AppendChangeAsync("k", "c", new StringValue { Value = "new-2" }), Ct);
        await reading;

        Assert.Equal([(1L, "stored"), (2L, "new-1"), (3L, "new-2")], seen);
    }

    [Fact]
    public async Task Follow_FromRevision_SkipsEarlierChanges()
    {
        var db = await CreateDatabaseAsync();
        for (var i = 1; i <= 5; i++)
        {
            var value = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await db.WriteAsync(w => w.AppendChangeAsync("k", value, new StringValue { Value = value }), Ct);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var first = new List<long>();
        await foreach (var change in new ChangeFollower(db, new ChangeSignal()).FollowAsync(3, cts.Token))
        {
            if (change.IsHeartbeat)
            {
                continue;
            }

            first.Add(change.Revision);
            if (first.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([4L, 5L], first);
    }

    [Fact]
    public async Task Follow_BacklogDrained_HeartbeatCarriesLastRevision()
    {
        var db = await CreateDatabaseAsync();
        await db.WriteAsync(w => w.AppendChangeAsync("k", "a", new StringValue { Value = "1" }), Ct);
        await db.WriteAsync(w => w.AppendChangeAsync("k", "b", new StringValue { Value = "2" }), Ct);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        var seen = new List<(long Revision, bool Heartbeat)>();
        await foreach (var change in new ChangeFollower(db, new ChangeSignal()).FollowAsync(0, cts.Token))
        {
            seen.Add((change.Revision, change.IsHeartbeat));
            if (change.IsHeartbeat)
            {
                break;
            }
        }

        Assert.Equal([(1L, false), (2L, false), (2L, true)], seen);
    }

    [Fact]
    public async Task Follow_FromBeyondHead_HeartbeatTellsTheRealHead()
    {
        var db = await CreateDatabaseAsync();
        await db.WriteAsync(w => w.AppendChangeAsync("k", "a", new StringValue { Value = "1" }), Ct);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var change in new ChangeFollower(db, new ChangeSignal()).FollowAsync(50, cts.Token))
        {
            Assert.True(change.IsHeartbeat);
            Assert.Equal(1L, change.Revision);
            break;
        }
    }

    [Fact]
    public async Task WriteOnce_RetriedWithSameRequestId_ReturnsFirstResponseWithoutSecondWrite()
    {
        var db = await CreateDatabaseAsync();
        var key = RequestKey.For("alice", "req-1", "/svc/Create", new StringValue { Value = "payload" });
        var calls = 0;
        Task<StringValue> Write(StoreSession w)
        {
            calls++;
            return w.AppendChangeAsync("k", "a", new StringValue { Value = "x" }).ContinueWith(t => new StringValue { Value = "rev " + t.Result }, TaskScheduler.Default);
        }

        var first = await db.WriteOnceAsync(key, StringValue.Parser, Write, Ct);
        var second = await db.WriteOnceAsync(key, StringValue.Parser, Write, Ct);

        Assert.Equal("rev 1", first.Value);
        Assert.Equal(first, second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task WriteOnce_SameRequestIdOtherContent_InvalidRequestNamingRequestId()
    {
        var db = await CreateDatabaseAsync();
        var ok = RequestKey.For("alice", "req-1", "/svc/Create", new StringValue { Value = "one" });
        var other = RequestKey.For("alice", "req-1", "/svc/Create", new StringValue { Value = "two" });
        await db.WriteOnceAsync(ok, StringValue.Parser, _ => Task.FromResult(new StringValue { Value = "done" }), Ct);

        var ex = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            db.WriteOnceAsync(other, StringValue.Parser, _ => Task.FromResult(new StringValue { Value = "again" }), Ct));
        Assert.Equal("request_id", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public async Task WriteOnce_SameRequestIdOtherCaller_BothWritten()
    {
        var db = await CreateDatabaseAsync();
        var request = new StringValue { Value = "same" };
        var a = await db.WriteOnceAsync(RequestKey.For("alice", "req-1", "/m", request), StringValue.Parser,
            async w => new StringValue { Value = (await w.AppendChangeAsync("k", "a", request)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct);
        var b = await db.WriteOnceAsync(RequestKey.For("bob", "req-1", "/m", request), StringValue.Parser,
            async w => new StringValue { Value = (await w.AppendChangeAsync("k", "b", request)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct);

        Assert.Equal("1", a.Value);
        Assert.Equal("2", b.Value);
    }

    [Fact]
    public async Task WriteOnce_RequestIdsAndCallersDifferingOnlyInCase_AreDifferentRequests()
    {
        // Keys compare byte for byte on every provider (SQL Server: binary collation), never case-insensitively.
        var db = await CreateDatabaseAsync();
        var request = new StringValue { Value = "same" };
        async Task<string> WriteAsync(string caller, string requestId) => (await db.WriteOnceAsync(RequestKey.For(caller, requestId, "/m", request), StringValue.Parser,
            async w => new StringValue { Value = (await w.AppendChangeAsync("k", "a", request)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct)).Value;

        Assert.Equal("1", await WriteAsync("alice", "req-1"));
        Assert.Equal("2", await WriteAsync("alice", "REQ-1"));
        Assert.Equal("3", await WriteAsync("Alice", "req-1"));
        Assert.Equal("1", await WriteAsync("alice", "req-1"));
    }

    [Fact]
    public async Task WriteOnce_CallerWithAccentsAndOtherScripts_StoredAndMatchedExactly()
    {
        // ASCII strings go to SQL Server as VARCHAR, the others as NVARCHAR: nothing is lost either way.
        var db = await CreateDatabaseAsync();
        var request = new StringValue { Value = "Élodie Ndiaye-Laâbi — ألف" };
        async Task<string> WriteAsync(string caller) => (await db.WriteOnceAsync(RequestKey.For(caller, "req-u", "/m", request), StringValue.Parser,
            async w => new StringValue { Value = (await w.AppendChangeAsync("k", "a", request)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct)).Value;

        Assert.Equal("1", await WriteAsync("éducatrice-ألف"));
        Assert.Equal("2", await WriteAsync("educatrice-ألف"));
        Assert.Equal("1", await WriteAsync("éducatrice-ألف"));
    }

    [Fact]
    public async Task WriteOnce_ConcurrentRetries_ExactlyOneWrite()
    {
        var db = await CreateDatabaseAsync();
        var request = new StringValue { Value = "concurrent" };
        var key = RequestKey.For("alice", "req-c", "/m", request);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            db.WriteOnceAsync(key, StringValue.Parser,
                async w => new StringValue { Value = (await w.AppendChangeAsync("k", "a", request)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Ct), Ct)));

        Assert.All(results, r => Assert.Equal("1", r.Value));
        var current = await db.ReadAsync(ChangeLog.CurrentRevisionAsync, Ct);
        Assert.Equal(1L, current);
    }

    [Fact]
    public async Task WriteOnce_TwoRequestsFindTheSameKeyFreeAndInsertIt_TheLaterAnswersFromTheFirstsRow()
    {
        Assert.SkipUnless(InterleavesWriters, "only PostgreSQL lets two transactions both read a key free and then both insert it here");
        var db = await CreateDatabaseAsync();
        await CreateNamesTableAsync(db);
        var looked = 0;
        var bothLooked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<StringValue> RegisterAsync(string caller)
        {
            var request = new StringValue { Value = "jeanne" };
            var attempt = 0;
            return await db.WriteOnceAsync(RequestKey.For(caller, "req-" + caller, "/m", request), StringValue.Parser, async w =>
            {
                var taken = await w.QuerySingleAsync<int>("SELECT COUNT(*) FROM race_names WHERE name = @N", new { N = request.Value }) > 0;
                if (++attempt == 1)
                {
                    // Neither inserts before both have found the name free.
                    if (Interlocked.Increment(ref looked) == 2)
                    {
                        bothLooked.SetResult();
                    }

                    await bothLooked.Task.WaitAsync(TimeSpan.FromSeconds(60), Ct);
                }

                if (taken)
                {
                    return new StringValue { Value = "taken" };
                }

                await w.ExecuteAsync("INSERT INTO race_names (name) VALUES (@N)", new { N = request.Value });
                return new StringValue { Value = "inserted" };
            }, Ct);
        }

        var answers = await Task.WhenAll(Task.Run(() => RegisterAsync("alice"), Ct), Task.Run(() => RegisterAsync("bruno"), Ct));

        Assert.Equal(["inserted", "taken"], answers.Select(a => a.Value).Order(StringComparer.Ordinal));
        Assert.Equal(1, await db.ReadAsync(s => s.QuerySingleAsync<int>("SELECT COUNT(*) FROM race_names"), Ct));
    }

    [Fact]
    public async Task WriteOnce_UniqueKeyTakenEveryTime_RunsAFewTimesThenLetsTheErrorThrough()
    {
        var db = await CreateDatabaseAsync();
        await CreateNamesTableAsync(db);
        await db.WriteAsync(w => w.ExecuteAsync("INSERT INTO race_names (name) VALUES ('jeanne')"), Ct);
        var request = new StringValue { Value = "jeanne" };
        var attempts = 0;

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.WriteOnceAsync(RequestKey.For("alice", "req-1", "/m", request), StringValue.Parser, async w =>
        {
            Interlocked.Increment(ref attempts);
            await w.ExecuteAsync("INSERT INTO race_names (name) VALUES ('jeanne')");
            return request;
        }, Ct));

        Assert.Equal(Database.MaxAttemptsAfterUniqueViolation, attempts);
        Assert.Equal(0, await db.ReadAsync(s => s.QuerySingleAsync<int>("SELECT COUNT(*) FROM clspd_request_log"), Ct));
    }

    [Fact]
    public async Task Instants_StoredAndRead_RoundTripAndSortInTimeOrder()
    {
        var db = await CreateDatabaseAsync();
        var times = new[]
        {
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, 500, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 1, 1, 13, 30, 0, TimeSpan.FromHours(2)), // 11:30 UTC
        };
        await db.WriteAsync(async w =>
        {
            var i = 0;
            foreach (var t in times)
            {
                await w.ExecuteAsync("INSERT INTO clspd_request_log (caller, request_id, method, request_hash, response, recorded_at) VALUES (@C, @R, 'm', 'h', @B, @T)",
                    new { C = "c", R = "r" + i++, B = Array.Empty<byte>(), T = t });
            }

            return 0;
        }, Ct);

        var read = await db.ReadAsync(async s => (await s.QueryAsync<DateTimeOffset>(
            "SELECT recorded_at FROM clspd_request_log ORDER BY recorded_at")).AsList(), Ct);

        Assert.Equal([times[2], times[1], times[0]], read);
    }

    private static Task<int> CreateNamesTableAsync(Database db) =>
        db.WriteAsync(w => w.ExecuteAsync("CREATE TABLE race_names (name VARCHAR(40) NOT NULL PRIMARY KEY)"), Ct);
}

public sealed class ChangeFeedSqliteTests : ChangeFeedSuite
{
    protected override Task<Database> CreateDatabaseAsync() => Task.FromResult(TestDatabases.Sqlite(Service));
}

public sealed class ChangeFeedSqlServerTests : ChangeFeedSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(SqlServerProbe.IsAvailable, SqlServerProbe.SkipReason);
        return TestDatabases.SqlServerAsync(Service);
    }
}

public sealed class ChangeFeedPostgresTests : ChangeFeedSuite
{
    protected override Task<Database> CreateDatabaseAsync()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        return Task.FromResult(TestDatabases.Postgres(Service));
    }

    protected override bool InterleavesWriters => true;
}
