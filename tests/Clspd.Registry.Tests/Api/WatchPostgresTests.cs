using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>
/// The change feed under several writers at once, on a server database, where they do run at once (SQLite
/// has one writer at a time): <c>Watch</c> must see every revision, in order, none skipped.
/// </summary>
public sealed class WatchPostgresTests
{
    [Fact]
    public async Task Watch_ConcurrentWritersOnPostgres_RevisionsStrictlyIncreasingWithoutGaps()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        await using var registry = RegistryHost.OnPostgres(PostgresServer.NewDatabase("clspd_registry_watch"));
        await registry.InitializeAsync();
        var admin = registry.Issuer.As("admin");
        const int Writers = 8;
        const int WritesEach = 15;

        // The follower is streaming before the writers start: it sees the revisions as they commit, not a finished table.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromMinutes(2));
        using var call = registry.Client.Watch(new WatchRequest(), registry.Issuer.As("svc:access").WithCancellationToken(cts.Token));
        var seen = new List<long>();
        long last = 0;
        var watching = Task.Run(async () =>
        {
            // Until the last revision written is seen (an idle stream sends a heartbeat every few seconds, so the check comes round).
            while (await call.ResponseStream.MoveNext(cts.Token))
            {
                if (call.ResponseStream.Current.ChangeCase != WatchResponse.ChangeOneofCase.None)
                {
                    seen.Add(call.ResponseStream.Current.Revision);
                }

                if (Volatile.Read(ref last) is > 0 and var target && seen.Count > 0 && seen[^1] >= target)
                {
                    return;
                }
            }
        }, ct);

        var written = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var revisions = new List<long>();
            for (var i = 0; i < WritesEach; i++)
            {
                var created = await registry.Client.CreateInstitutionAsync(new CreateInstitutionRequest
                {
                    RequestId = Guid.CreateVersion7().ToString(), Name = $"Institution {w}-{i}", Kind = InstitutionKind.SpecialisedPrevention,
                }, admin);
                revisions.Add(created.Revision);
            }

            return revisions;
        }, ct)));
        var all = written.SelectMany(r => r).Order().ToList();
        Volatile.Write(ref last, all[^1]);
        await watching;

        // Every change seen once, in strictly increasing order with no revision skipped, and every write among them.
        Assert.Equal(Enumerable.Range(0, seen.Count).Select(i => seen[0] + i), seen);
        Assert.Equal(Writers * WritesEach, all.Distinct().Count());
        Assert.All(all, revision => Assert.Contains(revision, seen));
    }
}
