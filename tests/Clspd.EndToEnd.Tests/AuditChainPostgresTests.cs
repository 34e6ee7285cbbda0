using System.Collections.Concurrent;
using System.Diagnostics;
using Clspd.Access.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// The audit trail on PostgreSQL when the access process dies mid-commit: Checks run concurrently (the
/// group-commit writer has batches in flight) and the process is killed with SIGKILL. An ALLOW was
/// answered only once its entry was committed, so every one answered must be in the trail after the
/// restart, with the hash it was answered with, and the chain must verify and go on growing.
/// </summary>
public sealed class AuditChainPostgresTests
{
    private const int Workers = 8;
    private const int AllowedBeforeKill = 60;

    [Fact]
    public async Task Check_ConcurrentLoadAndAccessKilledMidCommit_EveryAnsweredAllowInTrailAndChainVerifies_ACC_4()
    {
        Assert.SkipUnless(PostgresServer.IsAvailable, PostgresServer.SkipReason);
        var ct = TestContext.Current.CancellationToken;
        await using var stack = new PostgresStackRun("clspd_audit_kill");
        await stack.StartAsync();
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id);
        var (member, designated) = await commune.MemberAsync(council.Id, group.Id);
        var check = new CheckRequest
        {
            Principal = member, Action = AccessAction.ReadCase, View = View.Pseudonymous, MinRegistryRevision = designated,
            Resource = new CaseResource { CaseId = "case-kill", SubjectRef = "S-kill", CouncilId = council.Id, GroupId = group.Id, BodyKind = BodyKind.ClspdGroup },
        };
        var answered = new ConcurrentBag<(long Sequence, string Hash)>();
        var accessPid = stack.Stack.ProcessIds["access"];
        var killed = 0;

        using (var direct = stack.Stack.CreateChannel("access"))
        {
            var access = new AccessService.AccessServiceClient(direct);
            var records = stack.As("svc:records");
            Assert.Equal(Outcome.Allow, (await access.CheckAsync(check, records)).Outcome);
            // Workers go on until the process is gone: the kill lands while calls are in flight.
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        var answer = await access.CheckAsync(check, records);
                        Assert.Equal(Outcome.Allow, answer.Outcome);
                        answered.Add((answer.AuditSequence, answer.AuditEntryHash));
                    }
                    catch (RpcException) when (Volatile.Read(ref killed) == 1)
                    {
                        return;
                    }
                }
            }, ct)).ToList();

            var deadline = Stopwatch.StartNew();
            while (answered.Count < AllowedBeforeKill)
            {
                Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(3), $"only {answered.Count} Checks answered in 3 minutes");
                if (workers.FirstOrDefault(w => w.IsCompleted) is { } failed)
                {
                    await failed; // A worker stopped before the kill: its exception is the failure.
                }

                await Task.Delay(20, ct);
            }

            Volatile.Write(ref killed, 1);
            using (var process = Process.GetProcessById(accessPid))
            {
                process.Kill(); // SIGKILL: no shutdown, no flush.
            }

            await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2), ct);
        }

        await stack.RestartAsync();
        Assert.NotEqual(accessPid, stack.Stack.ProcessIds["access"]);

        using (var direct = stack.Stack.CreateChannel("access"))
        {
            // The restarted service appends to the same chain.
            var after = await new AccessService.AccessServiceClient(direct).CheckAsync(check, stack.As("svc:records"));
            Assert.Equal(Outcome.Allow, after.Outcome);
            Assert.True(after.AuditSequence > answered.Max(a => a.Sequence));
        }

        var stored = new Dictionary<long, string>();
        using (var connection = stack.Open("access"))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT seq, entry_hash FROM audit_entries";
            using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                stored[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        Assert.True(answered.Count >= AllowedBeforeKill);
        Assert.All(answered, a => Assert.Equal(a.Hash, stored.GetValueOrDefault(a.Sequence)));
        var verified = await new AuditService.AuditServiceClient(stack.Gateway).VerifyAuditAsync(new VerifyAuditRequest(), commune.Admin);
        Assert.True(verified.Intact, verified.Message);
        Assert.True(verified.Complete);
        Assert.Equal(stored.Count, verified.EntriesChecked);
    }
}
