using Clspd.Access.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>ListMyCases: the cases a caller's designations reach, each an audited pseudonymous read (ACC-1, ACC-4, ACC-5).</summary>
public sealed class MyCasesApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private AuditService.AuditServiceClient Audit => new(services.Access.Channel);

    private static async Task<ListMyCasesResponse> ListAsync(RecordsScenario s, CallOptions caller, long minRegistryRevision = 0, int pageSize = 0, string after = "") =>
        await s.Records.ListMyCasesAsync(new ListMyCasesRequest { MinRegistryRevision = minRegistryRevision, PageSize = pageSize, AfterCaseId = after }, caller);

    private async Task<IReadOnlyList<AuditEntry>> ReadsOfAsync(string principal) =>
        [.. (await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Principal = principal, PageSize = 1000 }, services.Issuer.As("svc:records"))).Entries
            .Where(e => e.Action == AccessAction.ReadCase)];

    [Fact]
    public async Task ListMyCases_GroupMember_TheGroupsCasesPseudonymously_ACC_1_REC_6()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var first = await s.CaseAsync(age: 16);
        var second = await s.CaseAsync(age: 14);
        var group = (await s.Commune.Registry.GetGroupAsync(new GetGroupRequest { GroupId = s.Group }, s.Commune.Admin)).Group;

        var mine = await ListAsync(s, s.AsMember);

        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), mine.Cases.Select(c => c.CaseId));
        var listed = mine.Cases.Single(c => c.CaseId == first.Id);
        Assert.Equal((first.CaseCode, s.Council, s.Group, group.Name, CaseStatus.Active, "16-17"),
            (listed.CaseCode, listed.CouncilId, listed.GroupId, listed.GroupName, listed.Status, listed.AgeBand));
        Assert.Equal(first.StartDate, listed.StartDate);
        Assert.Equal([CaseRelation.GroupMember], listed.Relations);
        Assert.Null(listed.Refusal);
        Assert.False(listed.MeasureOnly);
        Assert.Equal("", mine.NextAfterCaseId);
    }

    [Fact]
    public async Task ListMyCases_MemberOfAnotherGroup_SeesNone_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await s.CaseAsync();
        var other = await s.Commune.GroupAsync(s.Council, GroupKind.Thematic);
        var (outsider, revision) = await s.Commune.MemberAsync(s.Council, other.Id);

        var mine = await ListAsync(s, services.Issuer.As(outsider), revision);

        Assert.Empty(mine.Cases);
        Assert.Empty(await ReadsOfAsync(outsider));
    }

    [Fact]
    public async Task ListMyCases_DesignatedPathReferent_OnlyTheirCase_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var theirs = await s.CaseAsync();
        await s.CaseAsync();
        var (referent, revision) = await s.Commune.MemberAsync(s.Council, s.Group, role: Role.PathReferent, caseRef: theirs.Id);

        var mine = await ListAsync(s, services.Issuer.As(referent), revision);

        var listed = Assert.Single(mine.Cases);
        Assert.Equal((theirs.Id, theirs.CaseCode), (listed.CaseId, listed.CaseCode));
        Assert.Equal([CaseRelation.PathReferent], listed.Relations);
        Assert.Null(listed.Refusal);
    }

    [Fact]
    public async Task ListMyCases_Police_ListedOnlyInThePseudonymousView_ACC_2()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        var (police, revision) = await s.Commune.MemberAsync(s.Council, s.Group, Registry.V1.InstitutionKind.Police);

        var mine = await ListAsync(s, services.Issuer.As(police), revision);

        Assert.Equal(opened.CaseCode, Assert.Single(mine.Cases).CaseCode);
        var read = Assert.Single(await ReadsOfAsync(police));
        Assert.Equal((opened.Id, View.Pseudonymous, Outcome.Allow), (read.Resource.CaseId, read.View, read.Outcome));
    }

    [Fact]
    public async Task ListMyCases_EveryListedCase_AuditedAsAPseudonymousRead_ACC_4()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var first = await s.CaseAsync();
        var second = await s.CaseAsync();

        var mine = await ListAsync(s, s.AsMember);
        var reads = (await ReadsOfAsync(s.Member)).Where(e => e.Resource.CaseId == first.Id || e.Resource.CaseId == second.Id).ToList();

        Assert.Equal(mine.Cases.Select(c => c.DecisionId).Order(StringComparer.Ordinal), reads.Select(e => e.DecisionId).Order(StringComparer.Ordinal));
        Assert.All(reads, e => Assert.Equal((View.Pseudonymous, Outcome.Allow), (e.View, e.Outcome)));
    }

    [Fact]
    public async Task ListMyCases_MemberAfterANewCharterVersion_ListedWithTheRefusal_REG_3_ACC_2()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        var published = await s.Commune.Charter.PublishCharterVersionAsync(new PublishCharterVersionRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Version = "2027-1", Date = new Google.Type.Date { Year = 2026, Month = 12, Day = 1 },
            TextSha256 = new string('a', 64),
        }, s.Commune.Admin);

        var mine = await ListAsync(s, s.AsMember, published.Revision);

        var listed = Assert.Single(mine.Cases);
        Assert.Equal((opened.Id, ""), (listed.CaseId, listed.CaseCode));
        Assert.Equal([CaseRelation.GroupMember], listed.Relations);
        Assert.Equal(["REG-3", "ACC-2"], listed.Refusal.RuleIds);
        Assert.Contains("charter", listed.Refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListMyCases_RevokedMember_CaseLeftOut_ACC_1_REG_5()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await s.CaseAsync();
        var participant = await s.Commune.ParticipantAsync(s.Council);
        var designated = await s.Commune.DesignateAsync(participant, s.Group);
        var asMember = services.Issuer.As(participant.Subjects[0]);
        Assert.Single((await ListAsync(s, asMember, designated.Revision)).Cases);

        var revoked = await s.Commune.Registry.RevokeDesignationAsync(new RevokeDesignationRequest
        {
            RequestId = RecordsScenario.NewId(), DesignationId = designated.Designation.Id, Reason = "changement de poste",
        }, s.Commune.Admin);

        Assert.Empty((await ListAsync(s, asMember, revoked.Revision)).Cases);
    }

    [Fact]
    public async Task ListMyCases_NamedReferentWhoseDesignationWasRevoked_ListedWithTheRefusal_ACC_1_REG_5()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        var referent = await s.Commune.ParticipantAsync(s.Council);
        var designated = await s.Commune.DesignateAsync(referent, s.Group, Role.PathReferent, opened.Id);
        var consent = await s.ProgrammeEnrolmentAsync(opened.Id);
        await s.FollowUps.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, ReferralId = await s.ReferralAsync(opened.Id), Programme = Programme.IndividualPreventionPath,
            PathReferentId = referent.Id, MinConsentRevision = consent,
        }, s.AsMember);
        var revoked = await s.Commune.Registry.RevokeDesignationAsync(new RevokeDesignationRequest
        {
            RequestId = RecordsScenario.NewId(), DesignationId = designated.Designation.Id, Reason = "fin de mission",
        }, s.Commune.Admin);

        var mine = await ListAsync(s, services.Issuer.As(referent.Subjects[0]), revoked.Revision);

        var listed = Assert.Single(mine.Cases);
        Assert.Equal((opened.Id, "", ""), (listed.CaseId, listed.CaseCode, listed.GroupId));
        Assert.Equal([CaseRelation.PathReferent], listed.Relations);
        Assert.Equal(["ACC-1"], listed.Refusal.RuleIds);
        Assert.StartsWith("your designation as path referent of the case was revoked on ", listed.Refusal.Reason, StringComparison.Ordinal);
        Assert.NotEqual("", listed.Refusal.DecisionId);
    }

    [Fact]
    public async Task ListMyCases_Paging_EveryCaseOnceInIdOrder_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        string[] opened = [(await s.CaseAsync()).Id, (await s.CaseAsync()).Id, (await s.CaseAsync()).Id];

        var first = await ListAsync(s, s.AsMember, pageSize: 2);
        var second = await ListAsync(s, s.AsMember, pageSize: 2, after: first.NextAfterCaseId);

        Assert.Equal(2, first.Cases.Count);
        Assert.Equal(first.Cases[1].CaseId, first.NextAfterCaseId);
        Assert.Single(second.Cases);
        Assert.Equal("", second.NextAfterCaseId);
        Assert.Equal(opened.Order(StringComparer.Ordinal), first.Cases.Concat(second.Cases).Select(c => c.CaseId));
    }

    [Fact]
    public async Task ListMyCases_CouncilFilterOfAnotherCouncil_EmptyNotNotFound_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await s.CaseAsync();

        var mine = await s.Records.ListMyCasesAsync(new ListMyCasesRequest { CouncilId = "no-such-council" }, s.AsMember);

        Assert.Empty(mine.Cases);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task ListMyCases_PageSizeOutOfRange_InvalidArgumentNamingPageSize(int pageSize)
    {
        var s = await new RecordsScenario(services).CouncilAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.ListMyCasesAsync(new ListMyCasesRequest { PageSize = pageSize }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("page_size", ex.Status.Detail, StringComparison.Ordinal);
    }
}
