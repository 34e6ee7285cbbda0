using Clspd.Registry.V1;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>REG-3: charter versions, institutions' signatures, participants' personal acceptances.</summary>
[Collection(SharedRegistry.Name)]
public sealed class CharterApiTests(RegistryHost registry)
{
    private readonly Scenario _s = new(registry);

    private static async Task<RpcException> RefusedAsync<T>(AsyncUnaryCall<T> call) => await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

    private static void AssertRule(RpcException ex, string ruleId)
    {
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal(ruleId, Assert.Single(ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations).Type);
        Assert.StartsWith(ruleId + ":", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Designate_InstitutionHasNotSigned_FailedPrecondition_REG_3()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var institution = await _s.InstitutionAsync();
        var participant = await _s.ParticipantAsync(institution.Id);
        await _s.AcceptAsync(council.Id, participant);

        var ex = await RefusedAsync(_s.Registry.DesignateAsync(Scenario.Designation(participant.Id, group.Id), _s.Admin));

        AssertRule(ex, "REG-3");
        Assert.Contains("institution has not signed", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Designate_ParticipantHasNotAccepted_FailedPrecondition_REG_3()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var institution = await _s.InstitutionAsync();
        await _s.SignAsync(council.Id, institution.Id);
        var participant = await _s.ParticipantAsync(institution.Id);

        var ex = await RefusedAsync(_s.Registry.DesignateAsync(Scenario.Designation(participant.Id, group.Id), _s.Admin));

        AssertRule(ex, "REG-3");
        Assert.Contains("not personally accepted", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Designate_CouncilWithoutCharter_FailedPrecondition_REG_3()
    {
        var council = await _s.CouncilAsync(withCharter: false);
        var group = await _s.GroupAsync(council.Id);
        var participant = await _s.ParticipantAsync((await _s.InstitutionAsync()).Id);

        var ex = await RefusedAsync(_s.Registry.DesignateAsync(Scenario.Designation(participant.Id, group.Id), _s.Admin));

        AssertRule(ex, "REG-3");
    }

    [Fact]
    public async Task PublishCharterVersion_NewVersion_EarlierSignaturesInsufficientUntilRenewed_REG_3()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(participant.Id, group.Id);

        await _s.PublishAsync(council.Id, "2026-2");

        var listed = await _s.Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = participant.Subjects[0] }, _s.As(participant));
        var d = Assert.Single(listed.Designations);
        Assert.Equal(("2026-2", false), (d.CharterVersion, d.CharterOk));
        var other = await _s.GroupAsync(council.Id);
        AssertRule(await RefusedAsync(_s.Registry.DesignateAsync(Scenario.Designation(participant.Id, other.Id), _s.Admin)), "REG-3");

        await _s.SignAsync(council.Id, participant.InstitutionId, "2026-2");
        await _s.AcceptAsync(council.Id, participant, "2026-2");

        var renewed = await _s.Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = participant.Subjects[0] }, _s.As(participant));
        Assert.True(Assert.Single(renewed.Designations).CharterOk);
        Assert.True((await _s.Registry.DesignateAsync(Scenario.Designation(participant.Id, other.Id), _s.Admin)).Designation.CharterOk);
        var versions = await _s.Charter.ListCharterVersionsAsync(new ListCharterVersionsRequest { CouncilId = council.Id }, _s.As(participant));
        Assert.Equal(["2026-1", "2026-2"], versions.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task GetCharterStatus_SignedAndAccepted_Sufficient_REG_3()
    {
        var council = await _s.CouncilAsync();
        var institution = await _s.InstitutionAsync();
        var participant = await _s.ParticipantAsync(institution.Id);
        var before = await _s.Charter.GetCharterStatusAsync(new GetCharterStatusRequest { CouncilId = council.Id, ParticipantId = participant.Id }, _s.As(participant));

        var signed = await _s.SignAsync(council.Id, institution.Id);
        var accepted = await _s.AcceptAsync(council.Id, participant);
        var after = await _s.Charter.GetCharterStatusAsync(new GetCharterStatusRequest { CouncilId = council.Id, ParticipantId = participant.Id }, _s.As(participant));

        Assert.False(before.Sufficient);
        Assert.Null(before.InstitutionSignature);
        Assert.True(after.Sufficient);
        Assert.Equal((signed.Signature.Id, accepted.Acceptance.Id, Scenario.CharterVersion), (after.InstitutionSignature.Id, after.ParticipantAcceptance.Id, after.Current.Version));
        Assert.True(after.ParticipantAcceptance.AccessTracedAcknowledged);
        Assert.Equal(participant.Subjects[0], after.ParticipantAcceptance.Subject);
        Assert.True(accepted.Revision > signed.Revision);
    }

    [Fact]
    public async Task AcceptCharter_WithoutTracingAcknowledgement_InvalidArgumentNamingField_REG_3()
    {
        var ex = await RefusedAsync(_s.Charter.AcceptCharterAsync(new AcceptCharterRequest
        {
            RequestId = Scenario.NewId(), CouncilId = "c", Version = Scenario.CharterVersion, AccessTracedAcknowledged = false,
        }, _s.As("someone")));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("access_traced_acknowledged", violation.Field);
        Assert.Contains("REG-3", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptCharter_ByAdministratorNotParticipant_PermissionDenied_REG_3()
    {
        var council = await _s.CouncilAsync();
        var ex = await RefusedAsync(_s.Charter.AcceptCharterAsync(new AcceptCharterRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, Version = Scenario.CharterVersion, AccessTracedAcknowledged = true,
        }, _s.Admin));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-3:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptCharter_UnknownVersion_InvalidArgumentNamingVersion()
    {
        var council = await _s.CouncilAsync();
        var participant = await _s.ParticipantAsync((await _s.InstitutionAsync()).Id);
        var ex = await RefusedAsync(_s.Charter.AcceptCharterAsync(new AcceptCharterRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, Version = "1999", AccessTracedAcknowledged = true,
        }, _s.As(participant)));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("version", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task SignCharter_SameInstitutionTwice_AlreadyExists()
    {
        var council = await _s.CouncilAsync();
        var institution = await _s.InstitutionAsync();
        await _s.SignAsync(council.Id, institution.Id);

        var ex = await RefusedAsync(_s.Charter.SignCharterAsync(new SignCharterRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, Version = Scenario.CharterVersion, InstitutionId = institution.Id,
            SignedOn = Scenario.Today, SignatoryName = "Autre", SignatoryFunction = "Directeur",
        }, _s.Admin));
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
    }

    [Fact]
    public async Task SignCharter_ByParticipant_PermissionDenied_REG_3()
    {
        var council = await _s.CouncilAsync();
        var institution = await _s.InstitutionAsync();
        var participant = await _s.ParticipantAsync(institution.Id);

        var ex = await RefusedAsync(_s.Charter.SignCharterAsync(new SignCharterRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, Version = Scenario.CharterVersion, InstitutionId = institution.Id,
            SignedOn = Scenario.Today, SignatoryName = "Moi", SignatoryFunction = "Éducatrice",
        }, _s.As(participant)));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-3:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishCharterVersion_BadHashAndMissingDate_InvalidArgumentNamingFields()
    {
        var ex = await RefusedAsync(_s.Charter.PublishCharterVersionAsync(new PublishCharterVersionRequest
        {
            RequestId = Scenario.NewId(), CouncilId = "c", Version = "v", TextSha256 = "not-a-hash",
        }, _s.Admin));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("text_sha256", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task PublishCharterVersion_SameVersionTwice_AlreadyExists_AndRetryReturnsFirst()
    {
        var council = await _s.CouncilAsync(withCharter: false);
        var request = new PublishCharterVersionRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, Version = "2026-1", Date = Scenario.Today, TextSha256 = Scenario.TextHash,
        };
        var first = await _s.Charter.PublishCharterVersionAsync(request, _s.Admin);
        var retry = await _s.Charter.PublishCharterVersionAsync(request, _s.Admin);
        Assert.Equal(first, retry);

        request.RequestId = Scenario.NewId();
        var ex = await RefusedAsync(_s.Charter.PublishCharterVersionAsync(request, _s.Admin));
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_AfterSignatureAndAcceptance_StreamsBothForTheAccessView_REG_3()
    {
        var council = await _s.CouncilAsync();
        var institution = await _s.InstitutionAsync();
        var participant = await _s.ParticipantAsync(institution.Id);
        var signed = await _s.SignAsync(council.Id, institution.Id);
        var accepted = await _s.AcceptAsync(council.Id, participant);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        using var call = _s.Registry.Watch(new WatchRequest { FromRevision = signed.Revision - 1 }, _s.As("svc:access").WithCancellationToken(cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal((signed.Revision, institution.Id), (call.ResponseStream.Current.Revision, call.ResponseStream.Current.CharterSignature.InstitutionId));
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal((accepted.Revision, participant.Id), (call.ResponseStream.Current.Revision, call.ResponseStream.Current.CharterAcceptance.ParticipantId));
    }
}
