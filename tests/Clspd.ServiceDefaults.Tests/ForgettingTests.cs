using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// REC-7: the shared tables forget a destroyed person (the responses stored about them, the change
/// feed's entries of their rows), and a stored response lives no longer than its retry window.
/// </summary>
public sealed class ForgettingTests
{
    private static readonly ServiceIdentity Service = new("defaults", typeof(ForgettingTests).Assembly);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Database Sqlite(TimeProvider time) => TestDatabases.Sqlite(Service, time);

    [Fact]
    public async Task RequestsAbout_DestroyedPerson_TheirStoredResponsesGoOthersStay_REC_7()
    {
        var db = Sqlite(TimeProvider.System);
        var calls = 0;
        Task<StringValue> Write(StoreSession w) => Task.FromResult(new StringValue { Value = "call " + ++calls });
        var aboutGone = RequestKey.For("alice", "req-1", "/m", new StringValue { Value = "a" }).About("p-gone");
        var aboutKept = RequestKey.For("alice", "req-2", "/m", new StringValue { Value = "b" }).About("p-kept");
        await db.WriteOnceAsync(aboutGone, StringValue.Parser, Write, Ct);
        await db.WriteOnceAsync(aboutKept, StringValue.Parser, Write, Ct);

        var removed = await db.WriteAsync(w => Forgetting.RequestsAboutAsync(w, ["p-gone"]), Ct);

        Assert.Equal(1, removed);
        Assert.Equal("call 3", (await db.WriteOnceAsync(aboutGone, StringValue.Parser, Write, Ct)).Value);
        Assert.Equal("call 2", (await db.WriteOnceAsync(aboutKept, StringValue.Parser, Write, Ct)).Value);
    }

    [Fact]
    public async Task ChangesOf_DestroyedEntities_TheirEntriesGoOthersStay_REC_7()
    {
        var db = Sqlite(TimeProvider.System);
        await db.WriteAsync(async w =>
        {
            await w.AppendChangeAsync("person", "p-gone", new StringValue { Value = "1" });
            await w.AppendChangeAsync("case", "c-gone", new StringValue { Value = "2" });
            return await w.AppendChangeAsync("person", "p-kept", new StringValue { Value = "3" });
        }, Ct);

        var removed = await db.WriteAsync(w => Forgetting.ChangesOfAsync(w, ["p-gone", "c-gone"]), Ct);

        Assert.Equal(2, removed);
        var left = await db.ReadAsync(s => ChangeLog.ReadAfterAsync(s, 0, 10), Ct);
        Assert.Equal(["p-kept"], left.Select(c => c.EntityId));
    }

    [Fact]
    public async Task RequestLogJanitor_EntryOlderThanRetention_PurgedAndARetryIsANewCall()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var db = Sqlite(clock);
        var janitor = new RequestLogJanitor(db, new DatabaseState(), Options.Create(new DatabaseOptions { RequestLogRetention = TimeSpan.FromHours(2) }), clock,
            NullLogger<RequestLogJanitor>.Instance);
        var calls = 0;
        Task<StringValue> Write(StoreSession w) => Task.FromResult(new StringValue { Value = "call " + ++calls });
        var old = RequestKey.For("alice", "req-old", "/m", new StringValue { Value = "a" });
        await db.WriteOnceAsync(old, StringValue.Parser, Write, Ct);
        clock.Advance(TimeSpan.FromHours(1));
        var recent = RequestKey.For("alice", "req-recent", "/m", new StringValue { Value = "b" });
        await db.WriteOnceAsync(recent, StringValue.Parser, Write, Ct);

        var withinWindow = await janitor.PurgeAsync(Ct);
        clock.Advance(TimeSpan.FromHours(1.5));
        var afterWindow = await janitor.PurgeAsync(Ct);

        Assert.Equal((0, 1), (withinWindow, afterWindow));
        Assert.Equal("call 3", (await db.WriteOnceAsync(old, StringValue.Parser, Write, Ct)).Value);
        Assert.Equal("call 2", (await db.WriteOnceAsync(recent, StringValue.Parser, Write, Ct)).Value);
    }
}
