using Clspd.Access.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Access.Tests.Api;

public sealed class AuditApiTests(AccessServices stack) : IClassFixture<AccessServices>
{
    private CallOptions Admin => stack.Issuer.As("admin");

    private CallOptions Records => stack.Issuer.As("svc:records");

    private static CheckRequest Check(string principal, string caseId = "case-1") => new()
    {
        Principal = principal, Action = AccessAction.ReadCase, View = View.Pseudonymous,
        Resource = new CaseResource { CaseId = caseId, SubjectRef = "S-" + caseId, CouncilId = "k", GroupId = "g", BodyKind = BodyKind.ClspdGroup },
    };

    /// <summary>An access host on its own database with <paramref name="count"/> audited decisions.</summary>
    private async Task<ServiceHost<Program>> AuditedAsync(int count)
    {
        var host = stack.CreateAccess(() => stack.Registry.Server.CreateHandler(), () => stack.Consent.Server.CreateHandler());
        await host.WaitReadyAsync();
        var client = new AccessService.AccessServiceClient(host.Channel);
        for (var i = 0; i < count; i++)
        {
            await client.CheckAsync(Check("user-" + i, "case-" + (i % 3)), Records);
        }

        return host;
    }

    private static Task TamperAsync(ServiceHost<Program> host, string sql) => AuditTampering.ExecuteAsync(host, sql);

    [Fact]
    public async Task VerifyAudit_Untouched_Intact_ACC_4()
    {
        await using var host = await AuditedAsync(12);
        var result = await new AuditService.AuditServiceClient(host.Channel).VerifyAuditAsync(new VerifyAuditRequest(), Admin);

        Assert.True(result.Intact, result.Message);
        Assert.Equal(12, result.EntriesChecked);
        Assert.Equal(64, result.HeadHash.Length);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET outcome = 1, reason = 'allowed' WHERE seq = 7", 7, AuditProblem.Altered)]
    [InlineData("UPDATE audit_entries SET principal = 'someone-else' WHERE seq = 9", 9, AuditProblem.Altered)]
    [InlineData("DELETE FROM audit_entries WHERE seq = 5", 5, AuditProblem.Missing)]
    [InlineData("UPDATE audit_entries SET reason = 'allowed' WHERE seq IN (11, 4)", 4, AuditProblem.Altered)]
    [InlineData("UPDATE audit_entries SET decided_at = 'not an instant' WHERE seq = 6", 6, AuditProblem.Altered)]
    [InlineData("UPDATE audit_entries SET seq = -1 WHERE seq = 3; UPDATE audit_entries SET seq = 3 WHERE seq = 4; UPDATE audit_entries SET seq = 4 WHERE seq = -1", 3, AuditProblem.Reordered)]
    public async Task VerifyAudit_RowsTamperedInDatabase_NamesFirstBadEntry_ACC_4(string tamper, long firstBad, AuditProblem problem)
    {
        await using var host = await AuditedAsync(12);
        await TamperAsync(host, tamper);

        var result = await new AuditService.AuditServiceClient(host.Channel).VerifyAuditAsync(new VerifyAuditRequest(), Admin);

        Assert.False(result.Intact);
        Assert.Equal((firstBad, problem), (result.FirstBadSequence, result.Problem));
        Assert.StartsWith("ACC-4", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_InSteps_WalksTheSameChainAsOneWalk_ACC_4()
    {
        await using var host = await AuditedAsync(12);
        var audit = new AuditService.AuditServiceClient(host.Channel);
        var whole = await audit.VerifyAuditAsync(new VerifyAuditRequest(), Admin);

        var first = await audit.VerifyAuditAsync(new VerifyAuditRequest { MaxEntries = 5 }, Admin);
        var second = await audit.VerifyAuditAsync(new VerifyAuditRequest { AfterSequence = first.LastSequence, AfterHash = first.HeadHash, MaxEntries = 5 }, Admin);
        var last = await audit.VerifyAuditAsync(new VerifyAuditRequest { AfterSequence = second.LastSequence, AfterHash = second.HeadHash, MaxEntries = 5 }, Admin);

        Assert.Equal((true, false, 5L, 5L, 12L), (first.Intact, first.Complete, first.EntriesChecked, first.LastSequence, first.TrailLength));
        Assert.Equal((true, false, 5L, 10L), (second.Intact, second.Complete, second.EntriesChecked, second.LastSequence));
        Assert.Equal((true, true, 2L, 12L), (last.Intact, last.Complete, last.EntriesChecked, last.LastSequence));
        Assert.Equal(whole.HeadHash, last.HeadHash);
        Assert.True(whole.Complete);
    }

    [Fact]
    public async Task VerifyAudit_StepAfterAnEntryAlteredSince_NamesIt_ACC_4()
    {
        await using var host = await AuditedAsync(8);
        var audit = new AuditService.AuditServiceClient(host.Channel);
        var first = await audit.VerifyAuditAsync(new VerifyAuditRequest { MaxEntries = 4 }, Admin);
        await TamperAsync(host, "UPDATE audit_entries SET entry_hash = prev_hash WHERE seq = 4");

        var next = await audit.VerifyAuditAsync(new VerifyAuditRequest { AfterSequence = first.LastSequence, AfterHash = first.HeadHash }, Admin);

        Assert.False(next.Intact);
        Assert.Equal((4L, AuditProblem.Altered), (next.FirstBadSequence, next.Problem));
        Assert.Contains("after_hash", next.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET decided_at = 'not an instant' WHERE seq = 4")]
    [InlineData("UPDATE audit_entries SET reason = 'rewritten' WHERE seq = 4")]
    public async Task VerifyAudit_StepStartEntryContentAlteredSince_NamesIt_ACC_4(string tamper)
    {
        await using var host = await AuditedAsync(8);
        var audit = new AuditService.AuditServiceClient(host.Channel);
        var first = await audit.VerifyAuditAsync(new VerifyAuditRequest { MaxEntries = 4 }, Admin);
        await TamperAsync(host, tamper);

        var next = await audit.VerifyAuditAsync(new VerifyAuditRequest { AfterSequence = first.LastSequence, AfterHash = first.HeadHash }, Admin);

        Assert.False(next.Intact);
        Assert.Equal((4L, AuditProblem.Altered), (next.FirstBadSequence, next.Problem));
        Assert.Equal("ACC-4: entry 4, where this step starts, was altered since the previous step verified it", next.Message);
    }

    [Theory]
    [InlineData(-1, "", 0, "after_sequence")]
    [InlineData(3, "", 0, "after_hash")]
    [InlineData(3, "not-a-hash", 0, "after_hash")]
    [InlineData(0, "", -5, "max_entries")]
    [InlineData(99, "0000000000000000000000000000000000000000000000000000000000000000", 0, "after_sequence")]
    public async Task VerifyAudit_BadStep_InvalidArgumentNamingTheField_ACC_4(long after, string hash, long max, string field)
    {
        await using var host = await AuditedAsync(4);
        var ex = await Assert.ThrowsAsync<RpcException>(() => new AuditService.AuditServiceClient(host.Channel)
            .VerifyAuditAsync(new VerifyAuditRequest { AfterSequence = after, AfterHash = hash, MaxEntries = max }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.StartsWith(field + ":", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_ByParticipant_PermissionDenied_ACC_6()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => new AuditService.AuditServiceClient(stack.Access.Channel)
            .VerifyAuditAsync(new VerifyAuditRequest(), stack.Issuer.As("someone")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-6", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAuditEntries_ByCase_OnlyThatCaseOldestFirst_ACC_6()
    {
        await using var host = await AuditedAsync(9);
        var list = await new AuditService.AuditServiceClient(host.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = "case-1" }, Admin);

        Assert.Equal([2L, 5L, 8L], list.Entries.Select(e => e.Sequence));
        Assert.All(list.Entries, e => Assert.Equal(("case-1", Outcome.Deny), (e.Resource.CaseId, e.Outcome)));
    }

    [Fact]
    public async Task ListAuditEntries_Paged_ContinuesAfterLastSequence()
    {
        await using var host = await AuditedAsync(5);
        var client = new AuditService.AuditServiceClient(host.Channel);
        var first = await client.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 2 }, Admin);
        var second = await client.ListAuditEntriesAsync(new ListAuditEntriesRequest { PageSize = 2, AfterSequence = first.NextAfterSequence }, Admin);

        Assert.Equal([1L, 2L], first.Entries.Select(e => e.Sequence));
        Assert.Equal([3L, 4L], second.Entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ListAuditEntries_ParticipantSeesOnlyOwnAccesses_ACC_6()
    {
        await using var host = await AuditedAsync(4);
        var client = new AuditService.AuditServiceClient(host.Channel);

        var own = await client.ListAuditEntriesAsync(new ListAuditEntriesRequest(), stack.Issuer.As("user-2"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.ListAuditEntriesAsync(new ListAuditEntriesRequest { Principal = "user-1" }, stack.Issuer.As("user-2")).ResponseAsync);

        Assert.Equal("user-2", Assert.Single(own.Entries).Principal);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task BatchCheck_Items_AnsweredInOrderWithCorrelationIdsAndAudited_ACC_4()
    {
        var client = new AccessService.AccessServiceClient(stack.Access.Channel);
        var request = new BatchCheckRequest();
        for (var i = 0; i < 30; i++)
        {
            request.Items.Add(new BatchCheckItem { CorrelationId = "c" + i, Check = Check("nobody-" + i) });
        }

        var response = await client.BatchCheckAsync(request, Records);

        Assert.Equal(request.Items.Select(i => i.CorrelationId), response.Results.Select(r => r.CorrelationId));
        Assert.All(response.Results, r => Assert.Equal(Outcome.Deny, r.Decision.Outcome));
        Assert.Equal(30, response.Results.Select(r => r.Decision.AuditSequence).Distinct().Count());
    }

    [Fact]
    public async Task BatchCheck_TooManyItems_InvalidArgument()
    {
        var request = new BatchCheckRequest();
        for (var i = 0; i < 101; i++)
        {
            request.Items.Add(new BatchCheckItem { CorrelationId = "c" + i, Check = Check("p") });
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => new AccessService.AccessServiceClient(stack.Access.Channel).BatchCheckAsync(request, Records).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("items", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ManyConcurrent_GroupCommittedWithContiguousChain_ACC_4()
    {
        await using var host = await AuditedAsync(0);
        var client = new AccessService.AccessServiceClient(host.Channel);
        var decisions = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => client.CheckAsync(Check("p" + i), Records).ResponseAsync));

        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), decisions.Select(d => d.AuditSequence).Order());
        var verify = await new AuditService.AuditServiceClient(host.Channel).VerifyAuditAsync(new VerifyAuditRequest(), Admin);
        Assert.True(verify.Intact);
        Assert.Equal(64, verify.EntriesChecked);
    }
}
