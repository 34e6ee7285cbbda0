using Clspd.Access.V1;
using Clspd.Records.V1;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>REC-10: the person's own file with who accessed it; the coordinator's export with a reason; rectification with a trail.</summary>
public sealed class SubjectRightsApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private SubjectRightsService.SubjectRightsServiceClient Rights => new(services.Records.Channel);

    private AuditService.AuditServiceClient Audit => new(services.Access.Channel);

    private static async Task<Case> FullCaseAsync(RecordsScenario s)
    {
        var subjectRef = (await s.Records.CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(),
            LegalRepresentatives = { new Identity { Surname = "Dupont", FirstNames = "Marc", Phone = "0600000000" } },
        }, s.AsMember)).SubjectRef;
        var opened = (await s.Records.OpenCaseAsync(new OpenCaseRequest { RequestId = RecordsScenario.NewId(), SubjectRef = subjectRef, GroupId = s.Group }, s.AsMember)).Case;
        await s.StartFollowUpAsync(opened.Id);
        await s.FollowUps.SetFollowUpElementsAsync(new SetFollowUpElementsRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Text = "Assiduité en hausse" }, s.AsMember);
        await s.Items.AddActionAsync(new AddActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = ActionKind.SchoolSupport, StartDate = RecordsScenario.Date(RecordsScenario.Today.AddDays(-5)),
        }, s.AsMember);
        return opened;
    }

    [Fact]
    public async Task ExportSubjectFile_Coordinator_WholeFileDecryptedAndWhoAccessedIt_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await FullCaseAsync(s);
        await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, s.AsMember);

        var file = await Rights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = opened.SubjectRef }, s.AsCoordinator);

        Assert.Equal(("Dupont", "Léa", "1 rue de la Paix"), (file.Person.Surname, file.Person.FirstNames, file.Person.Address));
        Assert.Equal(("Marc", "0600000000"), (Assert.Single(file.Person.LegalRepresentatives).FirstNames, file.Person.LegalRepresentatives[0].Phone));
        var exported = Assert.Single(file.Cases);
        Assert.Equal((opened.Id, "Dupont"), (exported.Case.Id, exported.Case.Identity.Surname));
        Assert.Equal(ReferralReason.SchoolAbsenteeism, Assert.Single(Assert.Single(exported.Referrals).Reasons));
        Assert.Equal(Programme.IndividualPreventionPath, exported.FollowUp.Programme);
        Assert.Equal("Assiduité en hausse", exported.FollowUpElements);
        Assert.Equal(ActionKind.SchoolSupport, Assert.Single(exported.Actions).Kind);
        Assert.Contains(file.Accesses, a => a.Principal == s.Member && a.Action == (int)AccessAction.ReadCase && a.Allowed && a.CaseId == opened.Id);
        Assert.Contains(file.Accesses, a => a.Principal == s.Coordinator && a.Action == (int)AccessAction.ExportCase && a.Allowed);
        Assert.DoesNotContain(file.Accesses, a => a.CaseId != opened.Id);
    }

    [Fact]
    public async Task ExportSubjectFile_GroupMember_PermissionDeniedAndAudited_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Rights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = opened.SubjectRef }, s.AsMember).ResponseAsync);
        var audit = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = opened.Id }, s.Commune.Admin);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-10", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(audit.Entries, e => e.Action == AccessAction.ExportCase && e.Outcome == Outcome.Deny && e.Principal == s.Member);
    }

    [Fact]
    public async Task ExportSubjectFile_PersonWithNoCase_IdentityNoCaseHeldAndTheAuditedExport_REC_10_ACC_4()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var subjectRef = await s.PersonAsync();

        var file = await Rights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = subjectRef }, s.AsCoordinator);
        var trail = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { SubjectRef = subjectRef }, s.Commune.Admin);

        Assert.True(file.NoCaseHeld);
        Assert.Equal(("Dupont", "Léa"), (file.Person.Surname, file.Person.FirstNames));
        Assert.Empty(file.Cases);
        Assert.Empty(file.Rectifications);
        var entry = Assert.Single(trail.Entries);
        Assert.Equal((s.Coordinator, AccessAction.ExportSubjectFile, Outcome.Allow), (entry.Principal, entry.Action, entry.Outcome));
        Assert.Equal(["REC-10", "ACC-1"], entry.RuleIds);
        Assert.Equal((subjectRef, s.Council, "", ""), (entry.Resource.SubjectRef, entry.Resource.CouncilId, entry.Resource.CaseId, entry.Resource.GroupId));
        Assert.DoesNotContain("Dupont", entry.ToString(), StringComparison.Ordinal);
        var access = Assert.Single(file.Accesses);
        Assert.Equal((s.Coordinator, (int)AccessAction.ExportSubjectFile, true, ""), (access.Principal, access.Action, access.Allowed, access.CaseId));
    }

    [Fact]
    public async Task ExportSubjectFile_PersonWithNoCase_GroupMember_PermissionDeniedAndAudited_REC_10_ACC_4()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var subjectRef = await s.PersonAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Rights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = subjectRef }, s.AsMember).ResponseAsync);
        var trail = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { SubjectRef = subjectRef }, s.Commune.Admin);

        // The member learns nothing, not even that the person exists (ACC-1); the precise reason is in the trail.
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("ACC-1: " + global::Clspd.Records.Domain.Unseen.Sentence, ex.Status.Detail);
        var entry = Assert.Single(trail.Entries);
        Assert.Equal(["REC-10", "ACC-1"], entry.RuleIds);
        Assert.Equal((s.Member, AccessAction.ExportSubjectFile, Outcome.Deny, subjectRef, s.Council),
            (entry.Principal, entry.Action, entry.Outcome, entry.Resource.SubjectRef, entry.Resource.CouncilId));
    }

    [Fact]
    public async Task ExportSubjectFile_PersonWithNoCase_AccessUnreachable_UnavailableAndNoData_ACC_7_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await using var isolated = services.CreateRecords(() => new UnreachableHandler());
        await isolated.WaitReadyAsync();
        var person = await new RecordsService.RecordsServiceClient(isolated.Channel).CreatePersonAsync(new CreatePersonRequest
        {
            RequestId = RecordsScenario.NewId(), CouncilId = s.Council, Identity = RecordsScenario.Young(age: 19),
        }, s.AsMember);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new SubjectRightsService.SubjectRightsServiceClient(isolated.Channel).ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = person.SubjectRef }, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.StartsWith("ACC-7", ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Dupont", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCases_CoordinatorWithReason_NamedCasesEachAudited_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var first = await s.CaseAsync();
        var second = await s.CaseAsync(age: 20);

        var export = await Rights.ExportCasesAsync(new ExportCasesRequest { CouncilId = s.Council, Reason = ExportReason.SupervisoryControl }, s.AsCoordinator);

        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), export.Cases.Select(c => c.Case.Id).Order(StringComparer.Ordinal));
        Assert.All(export.Cases, c => Assert.Equal("Dupont", c.Case.Identity.Surname));
        foreach (var c in export.Cases)
        {
            var audit = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = c.Case.Id }, s.Commune.Admin);
            var entry = Assert.Single(audit.Entries, e => e.DecisionId == c.DecisionId);
            Assert.Equal((AccessAction.ExportCase, Outcome.Allow), (entry.Action, entry.Outcome));
            Assert.Contains("SupervisoryControl", entry.Reason, StringComparison.Ordinal);
        }

        Assert.Equal("", export.NextAfterCaseId);
    }

    [Fact]
    public async Task ExportCases_WithoutReason_InvalidArgument_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Rights.ExportCasesAsync(new ExportCasesRequest { CouncilId = s.Council }, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "reason");
    }

    [Fact]
    public async Task ExportCases_GroupMember_PermissionDenied_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Rights.ExportCasesAsync(new ExportCasesRequest { CouncilId = s.Council, Reason = ExportReason.LegalClaim }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-10", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RectifyIdentity_Coordinator_AppliedWithTrailWithoutValues_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var rectified = await Rights.RectifyIdentityAsync(new RectifyIdentityRequest
        {
            RequestId = RecordsScenario.NewId(), SubjectRef = opened.SubjectRef, Identity = new Identity { Surname = "Martinez", FirstNames = "ignored" }, Fields = { "surname" },
        }, s.AsCoordinator);
        var file = await Rights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = opened.SubjectRef }, s.AsCoordinator);
        var audit = await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = opened.Id }, s.Commune.Admin);

        Assert.Equal(("Martinez", "Léa"), (file.Person.Surname, file.Person.FirstNames));
        var trail = Assert.Single(file.Rectifications);
        Assert.Equal((s.Coordinator, "surname"), (trail.By, Assert.Single(trail.Fields)));
        Assert.Contains(audit.Entries, e => e.DecisionId == Assert.Single(rectified.DecisionIds) && e.Action == AccessAction.RectifyIdentity && e.Outcome == Outcome.Allow);
        var dir = services.Records.DataDirectory;
        Assert.Equal(0L, await RecordsScenario.CountAsync(dir, "SELECT COUNT(*) FROM rectifications WHERE fields LIKE '%Dupont%' OR fields LIKE '%Martinez%'"));
        Assert.Equal(0L, await RecordsScenario.CountAsync(dir, "SELECT COUNT(*) FROM persons WHERE instr(identity_cipher, CAST('Martinez' AS BLOB)) > 0 OR instr(identity_cipher, CAST('Dupont' AS BLOB)) > 0",
            postgres: "SELECT COUNT(*) FROM persons WHERE position(convert_to('Martinez', 'UTF8') in identity_cipher) > 0 OR position(convert_to('Dupont', 'UTF8') in identity_cipher) > 0"));
    }

    [Theory]
    [InlineData("religion")]
    [InlineData("")]
    public async Task RectifyIdentity_NotAnIdentityField_InvalidArgument_REC_10(string field)
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        var request = new RectifyIdentityRequest { RequestId = RecordsScenario.NewId(), SubjectRef = opened.SubjectRef, Identity = new Identity { Surname = "X" } };
        if (field.Length > 0)
        {
            request.Fields.Add(field);
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => Rights.RectifyIdentityAsync(request, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "fields");
    }

    [Fact]
    public async Task RectifyIdentity_GroupMember_PermissionDeniedAndNothingChanged_REC_10()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Rights.RectifyIdentityAsync(new RectifyIdentityRequest
        {
            RequestId = RecordsScenario.NewId(), SubjectRef = opened.SubjectRef, Identity = new Identity { Surname = "Martinez" }, Fields = { "surname" },
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal(0L, await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM rectifications WHERE subject_ref = @Ref", new { Ref = opened.SubjectRef }));
    }

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
