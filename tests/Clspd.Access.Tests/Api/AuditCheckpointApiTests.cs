using System.Security.Cryptography;
using Clspd.Access.Domain;
using Clspd.Access.Store.FastPath;
using Clspd.Access.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Google.Protobuf;
using Grpc.Core;
using Clspd.Access.Store;
using Clspd.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Access.Tests.Api;

/// <summary>
/// ACC-4: signed checkpoints. A writer of the access database can rewrite the chain and recompute
/// every hash; the checkpoints, signed with a key outside the database, still tell.
/// </summary>
public sealed class AuditCheckpointApiTests(AccessServices stack) : IClassFixture<AccessServices>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private CallOptions Admin => stack.Issuer.As("admin");

    private CallOptions Records => stack.Issuer.As("svc:records");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ServiceHost<Program>> AccessAsync()
    {
        var host = stack.CreateAccess(() => stack.Registry.Server.CreateHandler(), () => stack.Consent.Server.CreateHandler(),
            new Dictionary<string, string?> { ["Access:Audit:CheckpointInterval"] = Interval.ToString() });
        await host.WaitReadyAsync();
        return host;
    }

    private async Task DecideAsync(ServiceHost<Program> host, int count)
    {
        var client = new AccessService.AccessServiceClient(host.Channel);
        for (var i = 0; i < count; i++)
        {
            await client.CheckAsync(new CheckRequest
            {
                Principal = "user-" + i, Action = AccessAction.ReadCase, View = View.Pseudonymous,
                Resource = new CaseResource { CaseId = "case-" + i, SubjectRef = "S-" + i, CouncilId = "k", GroupId = "g", BodyKind = BodyKind.ClspdGroup },
            }, Records);
        }
    }

    private static AuditService.AuditServiceClient Audit(ServiceHost<Program> host) => new(host.Channel);

    /// <summary>Entries 1–4, checkpoint, 5–8, checkpoint, 9–12: checkpoints at 4 and 8.</summary>
    private async Task<(ServiceHost<Program> Host, AuditCheckpoint At4, AuditCheckpoint At8)> CheckpointedAsync()
    {
        var host = await AccessAsync();
        await DecideAsync(host, 4);
        var at4 = (await Audit(host).CreateAuditCheckpointAsync(new CreateAuditCheckpointRequest(), Admin)).Checkpoint;
        await DecideAsync(host, 4);
        var at8 = (await Audit(host).CreateAuditCheckpointAsync(new CreateAuditCheckpointRequest(), Admin)).Checkpoint;
        await DecideAsync(host, 4);
        return (host, at4, at8);
    }

    /// <summary>
    /// What a writer of the database can do: change entry <paramref name="seq"/>'s reason, then
    /// recompute every entry's links and hash with the chain's own hashing, so that the chain holds
    /// together again. Returns the rewritten chain.
    /// </summary>
    private static Task<List<AuditRecord>> RewriteChainAsync(ServiceHost<Program> host, long seq, string reason) =>
        host.Services.GetRequiredService<Database>().WriteAsync(async s =>
        {
            var rows = (await new AuditStore().PageAsync(s, 0, 100_000)).Select(e => new AuditRecord
            {
                Seq = e.Seq, DecisionId = e.DecisionId, DecidedAt = e.DecidedAt, Principal = e.Principal, Role = e.Role, Action = e.Action, CaseId = e.CaseId,
                SubjectRef = e.SubjectRef, CouncilId = e.CouncilId, GroupId = e.GroupId, ViewKind = e.ViewKind, Outcome = e.Outcome, RuleIds = e.RuleIds,
                Reason = e.Seq == seq ? reason : e.Reason,
            }).ToList();
            var previous = AuditChain.Genesis;
            foreach (var row in rows)
            {
                row.PrevHash = previous;
                row.EntryHash = AuditChain.Hash(row);
                previous = row.EntryHash;
                await s.ExecuteAsync("UPDATE audit_entries SET reason = @Reason, prev_hash = @PrevHash, entry_hash = @EntryHash WHERE seq = @Seq",
                    new { row.Reason, row.PrevHash, row.EntryHash, row.Seq });
            }

            return rows;
        }, Ct);

    private static Task TamperAsync(ServiceHost<Program> host, string sql) => AuditTampering.ExecuteAsync(host, sql);

    [Fact]
    public async Task VerifyAudit_Untouched_MatchesTheLatestCheckpointHeldAndGiven_ACC_4()
    {
        var (host, _, at8) = await CheckpointedAsync();
        await using var _ = host;

        var held = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest(), Admin);
        var given = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest { Checkpoint = at8 }, Admin);

        Assert.True(held.Intact, held.Message);
        Assert.Equal((12L, 8L), (held.EntriesChecked, held.CheckpointSequence));
        Assert.Equal("ACC-4: the audit trail is intact (12 entries; the signed checkpoint of entry 8 matches)", held.Message);
        Assert.True(given.Intact, given.Message);
        Assert.Equal(8L, given.CheckpointSequence);
    }

    [Fact]
    public async Task VerifyAudit_ChainRewrittenWithEveryHashRecomputed_NamesFirstEntryAfterLastGoodCheckpoint_ACC_4()
    {
        var (host, _, at8) = await CheckpointedAsync();
        await using var _ = host;

        var rewritten = await RewriteChainAsync(host, 6, "allowed: the coordinator of the council");
        // The rewrite holds together: the chain alone, unkeyed, cannot tell.
        var walk = new AuditVerifier();
        Assert.All(rewritten, e => Assert.Null(walk.Next(e)));

        var held = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest(), Admin);
        var stepped = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest { MaxEntries = 2 }, Admin);
        var given = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest { Checkpoint = at8 }, Admin);

        Assert.False(held.Intact);
        Assert.Equal((5L, AuditProblem.Rewritten, 4L), (held.FirstBadSequence, held.Problem, held.EntriesChecked));
        Assert.StartsWith("ACC-4: entry 8 no longer has the hash the checkpoint signed at ", held.Message, StringComparison.Ordinal);
        Assert.EndsWith("gives it: the chain was rewritten after entry 4, the last checkpoint that still matches", held.Message, StringComparison.Ordinal);
        Assert.True(stepped.Intact);
        Assert.Equal((2L, false), (stepped.LastSequence, stepped.Complete));
        Assert.Equal((false, 5L, AuditProblem.Rewritten), (given.Intact, given.FirstBadSequence, given.Problem));
    }

    [Fact]
    public async Task VerifyAudit_CheckpointFileGoneButCallerKeptOne_RewriteStillReported_ACC_4()
    {
        var (host, _, at8) = await CheckpointedAsync();
        await using var _ = host;
        await RewriteChainAsync(host, 2, "rewritten");
        File.Delete(Path.Combine(host.DataDirectory, "access.audit-checkpoints.jsonl"));

        var unkeyed = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest(), Admin);
        var kept = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest { Checkpoint = at8 }, Admin);

        Assert.True(unkeyed.Intact);
        Assert.Equal(0L, unkeyed.CheckpointSequence);
        Assert.Equal((false, 1L, AuditProblem.Rewritten), (kept.Intact, kept.FirstBadSequence, kept.Problem));
        Assert.Contains("rewritten from its first entry", kept.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_EntriesRemovedFromTheEnd_MissingAfterLastGoodCheckpoint_ACC_4()
    {
        var (host, _, _) = await CheckpointedAsync();
        await using var _ = host;
        await TamperAsync(host, "DELETE FROM audit_entries WHERE seq > 6");

        var result = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest(), Admin);

        Assert.False(result.Intact);
        Assert.Equal((5L, AuditProblem.Missing), (result.FirstBadSequence, result.Problem));
        Assert.Contains("the trail ends at entry 6 but the checkpoint signed at ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_AlteredBeforeLastGoodCheckpoint_NamesThatEntryFirst_ACC_4()
    {
        var (host, _, _) = await CheckpointedAsync();
        await using var _ = host;
        await RewriteChainAsync(host, 6, "rewritten");
        await TamperAsync(host, "UPDATE audit_entries SET principal = 'someone-else' WHERE seq = 2");

        var result = await Audit(host).VerifyAuditAsync(new VerifyAuditRequest(), Admin);

        Assert.Equal((false, 2L, AuditProblem.Altered), (result.Intact, result.FirstBadSequence, result.Problem));
    }

    [Fact]
    public async Task CreateAuditCheckpoint_OverARewrittenChain_RefusedAndNothingSigned_ACC_4()
    {
        var (host, _, at8) = await CheckpointedAsync();
        await using var _ = host;
        await RewriteChainAsync(host, 6, "rewritten");

        var ex = await Assert.ThrowsAsync<RpcException>(() => Audit(host).CreateAuditCheckpointAsync(new CreateAuditCheckpointRequest(), Admin).ResponseAsync);
        var latest = await Audit(host).GetAuditCheckpointAsync(new GetAuditCheckpointRequest(), Admin);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.StartsWith("ACC-4: the trail no longer matches the checkpoint signed at ", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(at8, latest.Checkpoint);
    }

    [Theory]
    [InlineData("head_hash", "checkpoint.signature")]
    [InlineData("sequence", "checkpoint.signature")]
    [InlineData("signature", "checkpoint.signature")]
    [InlineData("key_id", "checkpoint.key_id")]
    [InlineData("empty", "checkpoint.sequence")]
    public async Task VerifyAudit_CheckpointNotSignedByTheService_RefusedNamingTheField_ACC_4(string altered, string field)
    {
        var (host, at4, _) = await CheckpointedAsync();
        await using var _ = host;
        var forged = at4.Clone();
        switch (altered)
        {
            case "head_hash":
                forged.HeadHash = new string('a', 64);
                break;
            case "sequence":
                forged.Sequence = 3;
                break;
            case "signature":
                var bytes = forged.Signature.ToByteArray();
                bytes[10] ^= 1;
                forged.Signature = ByteString.CopyFrom(bytes);
                break;
            case "key_id":
                forged.KeyId = "0123456789abcdef";
                break;
            default:
                forged = new AuditCheckpoint();
                break;
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => Audit(host).VerifyAuditAsync(new VerifyAuditRequest { Checkpoint = forged }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(field + ":", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_FakeClockAdvancesAnInterval_SignedAppendedOwnerOnlyAndVerifiableWithThePublicKey_ACC_4()
    {
        await using var host = await AccessAsync();
        await DecideAsync(host, 3);
        var none = await Assert.ThrowsAsync<RpcException>(() => Audit(host).GetAuditCheckpointAsync(new GetAuditCheckpointRequest(), Admin).ResponseAsync);

        host.Clock.Advance(Interval);
        var first = await CheckpointAtAsync(host, 3);
        await DecideAsync(host, 2);
        host.Clock.Advance(Interval);
        var second = await CheckpointAtAsync(host, 5);

        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        Assert.Equal(host.Clock.GetUtcNow() - Interval, first.Checkpoint.SignedAt.ToDateTimeOffset());
        Assert.Equal(host.Clock.GetUtcNow(), second.Checkpoint.SignedAt.ToDateTimeOffset());
        var file = Path.Combine(host.DataDirectory, "access.audit-checkpoints.jsonl");
        var lines = await File.ReadAllLinesAsync(file, Ct);
        Assert.Equal([first.Checkpoint, second.Checkpoint], lines.Select(l => JsonParser.Default.Parse<AuditCheckpoint>(l)));
        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(second.PublicKey);
        var c = second.Checkpoint;
        Assert.True(publicKey.VerifyData(SignedCheckpoint.Content(c.Sequence, c.HeadHash, c.SignedAt.ToDateTimeOffset(), c.KeyId), c.Signature.ToByteArray(),
            HashAlgorithmName.SHA256));
        if (!OperatingSystem.IsWindows())
        {
            var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            Assert.Equal(ownerOnly, File.GetUnixFileMode(file));
            Assert.Equal(ownerOnly, File.GetUnixFileMode(Path.Combine(host.DataDirectory, "audit-checkpoint.pem")));
        }
    }

    [Fact]
    public async Task Checkpoints_IntervalWithNoNewEntry_NothingMoreSigned_ACC_4()
    {
        await using var host = await AccessAsync();
        await DecideAsync(host, 2);
        host.Clock.Advance(Interval);
        await CheckpointAtAsync(host, 2);

        host.Clock.Advance(Interval);
        await DecideAsync(host, 1);
        host.Clock.Advance(Interval);
        await CheckpointAtAsync(host, 3);

        // The interval in between found nothing new: two lines, not three.
        Assert.Equal(2, (await File.ReadAllLinesAsync(Path.Combine(host.DataDirectory, "access.audit-checkpoints.jsonl"), Ct)).Length);
    }

    [Fact]
    public async Task GetAuditCheckpoint_ByParticipant_PermissionDenied_ACC_6()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Audit(stack.Access)
            .GetAuditCheckpointAsync(new GetAuditCheckpointRequest(), stack.Issuer.As("someone")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-6", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "false")]
    [InlineData("no-such-dir/checkpoint.pem", "false")]
    public async Task Start_WithoutCheckpointKey_FailsWithASentenceNamingTheSetting(string keyFile, string create)
    {
        await using var host = stack.CreateAccess(() => stack.Registry.Server.CreateHandler(), () => stack.Consent.Server.CreateHandler(),
            new Dictionary<string, string?> { ["Access:Audit:CheckpointKeyFile"] = keyFile, ["Access:Audit:CreateCheckpointKeyIfMissing"] = create });

        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);

        Assert.Contains("Access:Audit:CheckpointKeyFile must name the PEM file of the ECDSA P-256 key", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CheckpointKeyFileHoldsOnlyAPublicKey_FailsWithASentenceNamingTheSetting()
    {
        await using var host = stack.CreateAccess(() => stack.Registry.Server.CreateHandler(), () => stack.Consent.Server.CreateHandler(),
            new Dictionary<string, string?> { ["Access:Audit:CheckpointKeyFile"] = stack.Issuer.PublicKeyFile, ["Access:Audit:CreateCheckpointKeyIfMissing"] = "false" });

        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);

        Assert.Contains("does not hold an ECDSA P-256 private key in PEM (Access:Audit:CheckpointKeyFile)", ex.ToString(), StringComparison.Ordinal);
    }

    // Polls (interval checkpoints are signed in the background) with a generous deadline.
    private async Task<GetAuditCheckpointResponse> CheckpointAtAsync(ServiceHost<Program> host, long sequence)
    {
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var latest = await Audit(host).GetAuditCheckpointAsync(new GetAuditCheckpointRequest(), Admin);
                if (latest.Checkpoint.Sequence == sequence)
                {
                    return latest;
                }
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                // Not signed yet.
            }

            Assert.True(DateTime.UtcNow < giveUp, $"no checkpoint of entry {sequence} within 30 s");
            await Task.Delay(50, Ct);
        }
    }
}
