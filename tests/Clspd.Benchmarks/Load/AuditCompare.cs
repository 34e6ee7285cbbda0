extern alias access;
using System.Diagnostics;
using System.Globalization;
using access::Clspd.Access.Domain;
using access::Clspd.Access.Store;
using access::Clspd.Access.Store.FastPath;
using Clspd.Benchmarks.Micro;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The audit store before and after issue #8's changes, interleaved round by round in one process
/// so that both see the same machine: appending (before: a pooled connection per batch and one
/// Dapper insert per row; after: the audit writer's appender) and verifying from the database
/// (before: Dapper pages read one after the other; after: as VerifyAudit does, verification pages read ahead
/// and their hashes checked on the cores the reading leaves). On a
/// shared machine only the ratio means something.
/// </summary>
public static class AuditCompare
{
    private const string OldTip = "SELECT seq AS Seq, entry_hash AS EntryHash FROM audit_entries ORDER BY seq DESC LIMIT 1";
    private const string OldInsert = """
        INSERT INTO audit_entries (seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id,
                                   view_kind, outcome, rule_ids, reason, prev_hash, entry_hash)
        VALUES (@Seq, @DecisionId, @DecidedAt, @Principal, @Role, @Action, @CaseId, @SubjectRef, @CouncilId, @GroupId,
                @ViewKind, @Outcome, @RuleIds, @Reason, @PrevHash, @EntryHash)
        """;

    private const string OldPage = """
        SELECT seq AS Seq, decision_id AS DecisionId, decided_at AS DecidedAt, principal AS Principal, role AS Role, action AS Action,
        case_id AS CaseId, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId, view_kind AS ViewKind,
        outcome AS Outcome, rule_ids AS RuleIds, reason AS Reason, prev_hash AS PrevHash, entry_hash AS EntryHash
        FROM audit_entries WHERE seq > @After ORDER BY seq LIMIT @Limit
        """;

    private sealed class Tip
    {
        public long Seq { get; init; }
        public string EntryHash { get; init; } = "";
    }

    public static async Task RunAsync(int rounds, int batchesPerRound, int batch, string dataDirectory, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var before = Open(Path.Combine(dataDirectory, "before"));
        // The appender with one row per statement (SQLite's default) and with multi-row runs, each
        // on a database of its own so that every variant's table grows as the one before.
        int[] runs = [1, 8, 32];
        var appenders = new List<AuditAppender>();
        Database after = null!;
        foreach (var run in runs)
        {
            after = Open(Path.Combine(dataDirectory, "after-" + run));
            appenders.Add(await AuditAppender.OpenAsync(after, ct, run));
        }

        var oldTime = TimeSpan.Zero;
        var newTimes = new TimeSpan[runs.Length];
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < batchesPerRound; i++)
            {
                await OldAppendAsync(before, AuditData.Entries(batch), ct);
            }

            oldTime += clock.Elapsed;
            for (var a = 0; a < appenders.Count; a++)
            {
                clock.Restart();
                for (var i = 0; i < batchesPerRound; i++)
                {
                    await appenders[a].AppendAsync(AuditData.Entries(batch), ct);
                }

                newTimes[a] += clock.Elapsed;
            }
        }

        foreach (var appender in appenders)
        {
            await appender.DisposeAsync();
        }

        var perRun = rounds * batchesPerRound * batch;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"append, batches of {batch}: before {perRun / oldTime.TotalSeconds:N0}/s"));
        for (var a = 0; a < runs.Length; a++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    after, {runs[a]} row(s) per insert: {perRun / newTimes[a].TotalSeconds:N0}/s (×{oldTime / newTimes[a]:F2})"));
        }

        var entries = perRun;

        var oldVerify = TimeSpan.Zero;
        var newVerify = TimeSpan.Zero;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            await OldVerifyAsync(before, ct);
            oldVerify += clock.Elapsed;
            clock.Restart();
            await NewVerifyAsync(after, ct);
            newVerify += clock.Elapsed;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"verify {entries:N0} entries from the database: before {oldVerify.TotalSeconds / 3:F2} s, after {newVerify.TotalSeconds / 3:F2} s (×{oldVerify / newVerify:F2})"));
    }

    private static Database Open(string directory) => StoreTarget.Sqlite(directory).Open("access", typeof(AuditStore).Assembly);

    private static Task<long> OldAppendAsync(Database database, List<AuditRecord> entries, CancellationToken ct) =>
        database.WriteAsync(async w =>
        {
            var tip = await w.QuerySingleOrDefaultAsync<Tip>(OldTip);
            var seq = tip?.Seq ?? 0;
            var previous = tip?.EntryHash ?? AuditChain.Genesis;
            foreach (var entry in entries)
            {
                entry.Seq = ++seq;
                entry.PrevHash = previous;
                entry.EntryHash = AuditChain.Hash(entry);
                previous = entry.EntryHash;
            }

            await w.ExecuteAsync(OldInsert, entries);
            return seq;
        }, ct);

    private static async Task OldVerifyAsync(Database database, CancellationToken ct)
    {
        var verifier = new AuditVerifier();
        await using var connection = await database.OpenAsync(ct);
        var after = 0L;
        while (true)
        {
            var page = (await connection.QueryAsync<AuditRecord>(new CommandDefinition(OldPage, new { After = after, Limit = 5_000 }, cancellationToken: ct))).AsList();
            foreach (var entry in page)
            {
                if (verifier.Next(entry) is not null)
                {
                    throw new InvalidOperationException("the chain must verify");
                }
            }

            if (page.Count < 5_000)
            {
                return;
            }

            after = page[^1].Seq;
        }
    }

    private static async Task NewVerifyAsync(Database database, CancellationToken ct)
    {
        var verifier = new AuditPageVerifier(parallelism: AuditPageVerifier.DefaultParallelism);
        var reader = new AuditPageReader(database, new AuditStore());
        await using var connection = await reader.OpenAsync(ct);
        await foreach (var page in reader.PagesAsync(connection, 5_000, ct))
        {
            if (verifier.Next(page, page.Count) is not null)
            {
                throw new InvalidOperationException("the chain must verify");
            }
        }
    }
}
