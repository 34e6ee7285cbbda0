using Clspd.Records.V1;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

public sealed class FollowUpApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private string Data => services.Records.DataDirectory;

    [Fact]
    public async Task RecordReferral_ClosedCodes_ShownAsReasonCodes_REC_2()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        await s.ReferralAsync(opened.Id, ReferralOrigin.SocialLandlord, ReferralReason.RiskBehaviourInPublicSpace, ReferralReason.SchoolDropout);
        var read = await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, s.AsMember);

        Assert.Equal([ReferralReason.RiskBehaviourInPublicSpace, ReferralReason.SchoolDropout], read.Case.ReasonCodes);
    }

    [Fact]
    public async Task RecordReferral_SocialActionWithDifficulties_FailedPreconditionAndNothingWritten_REC_2()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.ReferralAsync(opened.Id, ReferralOrigin.SocialActionProfessional, ReferralReason.NeedForCoordination, ReferralReason.Victimisation));

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REC-2", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
        Assert.Equal(0, await RecordsScenario.CountAsync(Data, "SELECT COUNT(*) FROM referrals WHERE case_id = @Id", new { opened.Id }));
    }

    [Fact]
    public async Task RecordReferral_SocialActionNeedForCoordinationOnly_Accepted_REC_2()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var id = await s.ReferralAsync(opened.Id, ReferralOrigin.SocialActionProfessional, ReferralReason.NeedForCoordination);

        Assert.False(string.IsNullOrEmpty(id));
    }

    [Fact]
    public async Task RecordReferral_UnknownReasonCode_InvalidArgument_REC_2()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.ReferralAsync(opened.Id, ReferralOrigin.Family, (ReferralReason)77));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "reasons" && v.Description.StartsWith("REC-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FollowUp_ReferralToActionsMeasureAndElements_Recorded_REC_3()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        await s.StartFollowUpAsync(opened.Id);

        var action = await s.Items.AddActionAsync(new AddActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = ActionKind.SchoolSupport, StartDate = RecordsScenario.Date(RecordsScenario.Today.AddDays(-20)),
        }, s.AsMember);
        await s.Items.CompleteActionAsync(new CompleteActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, ActionId = action.ActionId, EndDate = RecordsScenario.Date(RecordsScenario.Today), Result = ActionResult.Achieved,
        }, s.AsMember);
        var measure = await s.Items.AddJudicialMeasureAsync(new AddJudicialMeasureRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = MeasureKind.Reparation, Necessity = MeasureNecessity.ImplementedByPartner,
            StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, s.AsMember);
        var elements = await s.FollowUps.SetFollowUpElementsAsync(new SetFollowUpElementsRequest { RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Text = "Assiduité en hausse" }, s.AsMember);
        var read = await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, s.AsMember);

        Assert.Equal(s.Member, elements.Author);
        Assert.Equal((measure.MeasureRef, MeasureKind.Reparation), (read.Case.Measures.Single().MeasureRef, read.Case.Measures.Single().Kind));
        Assert.Equal(2L, await RecordsScenario.CountAsync(Data, "SELECT result FROM actions WHERE id = @ActionId", new { action.ActionId }));
        // The free text is stored sealed under the person's data key.
        Assert.Equal(0L, await RecordsScenario.CountAsync(Data, "SELECT COUNT(*) FROM cases WHERE id = @Id AND instr(CAST(elements_cipher AS TEXT), 'Assiduit') > 0",
            postgres: "SELECT COUNT(*) FROM cases WHERE id = @Id AND position(convert_to('Assiduit', 'UTF8') in elements_cipher) > 0", new { opened.Id }));
    }

    [Fact]
    public async Task SetFollowUpElements_501Characters_InvalidArgumentNamingField_REC_3()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.FollowUps.SetFollowUpElementsAsync(new SetFollowUpElementsRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Text = new string('x', 501),
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "text" && v.Description.StartsWith("REC-3", StringComparison.Ordinal));
        Assert.Equal(0L, await RecordsScenario.CountAsync(Data, "SELECT COUNT(*) FROM cases WHERE id = @Id AND elements_cipher IS NOT NULL", new { opened.Id }));
    }

    [Fact]
    public async Task AddJudicialMeasure_WithoutNecessity_InvalidArgument_REC_3()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Items.AddJudicialMeasureAsync(new AddJudicialMeasureRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = MeasureKind.Probation, StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "necessity");
    }

    [Fact]
    public async Task AddAction_WithoutFollowUp_FailedPrecondition_REC_3()
    {
        // Access decides first (a programme action, ACC-3): with the enrolment consented, the missing follow-up is what refuses.
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        await s.ProgrammeEnrolmentAsync(opened.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Items.AddActionAsync(new AddActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = ActionKind.Training, StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REC-3", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Fact]
    public async Task AddInformationItem_SecretClassification_FailedPreconditionAndNothingWritten_REC_5()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Items.AddInformationItemAsync(new AddInformationItemRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Category = ItemCategory.SchoolAttendance, Classification = Classification.Secret, AuthorAttestsNotSecret = true,
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(("REC-5", "classification"), (ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type, ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Subject));
        Assert.Equal(0L, await RecordsScenario.CountAsync(Data, "SELECT COUNT(*) FROM information_items WHERE case_id = @Id", new { opened.Id }));
    }

    [Theory]
    [InlineData(Classification.Unspecified, true)]
    [InlineData(Classification.Confidential, false)]
    public async Task AddInformationItem_NotConfidentialOrNotAttested_FailedPrecondition_REC_5(Classification classification, bool attested)
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Items.AddInformationItemAsync(new AddInformationItemRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Category = ItemCategory.SchoolAttendance, Classification = classification, AuthorAttestsNotSecret = attested,
        }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.StartsWith("REC-5", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddInformationItem_ConfidentialAndAttested_Recorded_REC_5()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        await s.Items.AddInformationItemAsync(new AddInformationItemRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Category = ItemCategory.IncidentInPublicSpace, Classification = Classification.Confidential, AuthorAttestsNotSecret = true,
        }, s.AsMember);

        Assert.Equal(1L, await RecordsScenario.CountAsync(Data, "SELECT COUNT(*) FROM information_items WHERE case_id = @Id", new { opened.Id }));
    }

    [Fact]
    public async Task StartFollowUp_OutsiderOfTheGroup_PermissionDenied_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        var referral = await s.ReferralAsync(opened.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.FollowUps.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, ReferralId = referral, Programme = Programme.ProfessionalIntegration, PathReferentId = "p-1",
        }, services.Issuer.As("stranger")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal(0L, await RecordsScenario.CountAsync(Data, "SELECT COUNT(*) FROM follow_ups WHERE case_id = @Id", new { opened.Id }));
    }
}
