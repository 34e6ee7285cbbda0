using Clspd.Access.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>REC-8: CDDF and CLSPD-group cases are walled apart; only the coordinator moves a case, with a reason, audited.</summary>
public sealed class BodyApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private BodyService.BodyServiceClient Bodies => new(services.Records.Channel);

    private async Task<StatusCode> ReadStatusAsync(RecordsScenario s, string caseId, string subject)
    {
        try
        {
            await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = caseId }, services.Issuer.As(subject));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    [Fact]
    public async Task GetCase_CoordinationTeamOfTheCddf_ClspdGroupCase_DeniedAsAnUnknownIdWithTheWallInTheTrail_REC_8()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var cddf = (await s.Commune.GroupAsync(s.Council, GroupKind.Cddf)).Id;
        var team = (await s.Commune.MemberAsync(s.Council, cddf, role: Role.CoordinationTeam)).Subject;
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, services.Issuer.As(team)).ResponseAsync);
        var audit = await new AuditService.AuditServiceClient(services.Access.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = opened.Id }, s.Commune.Admin);

        // Across the wall the case does not even exist (ACC-1: nothing leaks); the trail says why.
        Assert.Equal((StatusCode.PermissionDenied, "ACC-1: " + global::Clspd.Records.Domain.Unseen.Sentence), (ex.StatusCode, ex.Status.Detail));
        Assert.Contains(audit.Entries, e => e.Principal == team && e.Outcome == Outcome.Deny && e.RuleIds.Contains("REC-8"));
    }

    [Fact]
    public async Task GetCase_CddfCase_ClspdSideDenied_CddfSideAndCoordinatorAllowed_REC_8()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var cddf = (await s.Commune.GroupAsync(s.Council, GroupKind.Cddf)).Id;
        var cddfMember = (await s.Commune.MemberAsync(s.Council, cddf)).Subject;
        var clspdTeam = (await s.Commune.MemberAsync(s.Council, s.Group, role: Role.CoordinationTeam)).Subject;
        var subjectRef = await s.PersonAsync();
        var opened = (await s.Records.OpenCaseAsync(new OpenCaseRequest { RequestId = RecordsScenario.NewId(), SubjectRef = subjectRef, GroupId = cddf }, s.AsCoordinator)).Case;

        Assert.Equal(
            (StatusCode.OK, StatusCode.OK, StatusCode.PermissionDenied, StatusCode.PermissionDenied),
            (await ReadStatusAsync(s, opened.Id, cddfMember), await ReadStatusAsync(s, opened.Id, s.Coordinator),
             await ReadStatusAsync(s, opened.Id, clspdTeam), await ReadStatusAsync(s, opened.Id, s.Member)));
    }

    [Fact]
    public async Task MoveCase_CoordinatorWithReason_MovesAuditsAndWallsTheOldSide_REC_8()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var cddf = (await s.Commune.GroupAsync(s.Council, GroupKind.Cddf)).Id;
        var cddfMember = (await s.Commune.MemberAsync(s.Council, cddf)).Subject;
        var clspdTeam = (await s.Commune.MemberAsync(s.Council, s.Group, role: Role.CoordinationTeam)).Subject;
        var opened = await s.CaseAsync();
        var before = (await ReadStatusAsync(s, opened.Id, clspdTeam), await ReadStatusAsync(s, opened.Id, cddfMember));

        var moved = await Bodies.MoveCaseAsync(new MoveCaseRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, TargetGroupId = cddf, Reason = MoveReason.ParentalResponsibility,
        }, s.AsCoordinator);
        var audit = await new AuditService.AuditServiceClient(services.Access.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = opened.Id }, s.Commune.Admin);

        Assert.Equal((StatusCode.OK, StatusCode.PermissionDenied), before);
        Assert.Equal(cddf, moved.Case.GroupId);
        Assert.Equal(cddf, (await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, s.AsCoordinator)).Case.GroupId);
        var entry = Assert.Single(audit.Entries, e => e.DecisionId == moved.DecisionId);
        Assert.Equal((AccessAction.MoveCase, Outcome.Allow), (entry.Action, entry.Outcome));
        Assert.Contains("ParentalResponsibility", entry.Reason, StringComparison.Ordinal);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.OK, StatusCode.PermissionDenied),
            (await ReadStatusAsync(s, opened.Id, clspdTeam), await ReadStatusAsync(s, opened.Id, cddfMember), await ReadStatusAsync(s, opened.Id, s.Member)));
        Assert.Equal(1L, await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM case_moves WHERE case_id = @Id AND to_group = @To AND reason = 1", new { Id = opened.Id, To = cddf }));
    }

    [Fact]
    public async Task MoveCase_GroupMember_PermissionDeniedAndAudited_REC_8()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var cddf = (await s.Commune.GroupAsync(s.Council, GroupKind.Cddf)).Id;
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Bodies.MoveCaseAsync(new MoveCaseRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, TargetGroupId = cddf, Reason = MoveReason.ParentalResponsibility,
        }, s.AsMember).ResponseAsync);
        var audit = await new AuditService.AuditServiceClient(services.Access.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = opened.Id }, s.Commune.Admin);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-8", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(audit.Entries, e => e.Action == AccessAction.MoveCase && e.Outcome == Outcome.Deny);
        Assert.Equal(s.Group, (await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, s.AsMember)).Case.GroupId);
    }

    [Fact]
    public async Task MoveCase_WithoutReason_InvalidArgument_REC_8()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var cddf = (await s.Commune.GroupAsync(s.Council, GroupKind.Cddf)).Id;
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Bodies.MoveCaseAsync(new MoveCaseRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, TargetGroupId = cddf }, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "reason");
    }

    [Theory]
    [InlineData("other council")]
    [InlineData("plenary")]
    [InlineData("same group")]
    public async Task MoveCase_TargetNotAnotherBodyOfTheCouncil_FailedPrecondition_REC_8(string target)
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        var groupId = target switch
        {
            "other council" => (await s.Commune.GroupAsync((await s.Commune.CouncilAsync()).Id, GroupKind.Cddf)).Id,
            "plenary" => (await s.Commune.GroupAsync(s.Council, GroupKind.Plenary)).Id,
            _ => s.Group,
        };

        var ex = await Assert.ThrowsAsync<RpcException>(() => Bodies.MoveCaseAsync(new MoveCaseRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, TargetGroupId = groupId, Reason = MoveReason.OpenedInWrongBody,
        }, s.AsCoordinator).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.StartsWith("REC-8", ex.Status.Detail, StringComparison.Ordinal);
    }
}
