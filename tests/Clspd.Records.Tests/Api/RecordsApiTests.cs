using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

public sealed class RecordsApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private RegistryService.RegistryServiceClient Registry => new(services.Registry.Channel);

    private RecordsService.RecordsServiceClient Records => new(services.Records.Channel);

    private CallOptions Admin => services.Issuer.As("admin");

    private static string NewId() => Guid.NewGuid().ToString("N");

    private sealed record Setup(string Council, string Group, string Member, string Outsider, string Police);

    private Commune Commune => new(services.Registry.Channel, services.Consent.Channel, services.Issuer.As, services.Registry.Clock);

    private async Task<Setup> CouncilWithMembersAsync(bool ready = true)
    {
        var council = await Commune.CouncilAsync(ready);
        var group = await Commune.GroupAsync(council.Id, GroupKind.Territorial);
        var other = await Commune.GroupAsync(council.Id, GroupKind.Thematic);
        return new Setup(council.Id, group.Id,
            (await Commune.MemberAsync(council.Id, group.Id, InstitutionKind.SpecialisedPrevention)).Subject,
            (await Commune.MemberAsync(council.Id, other.Id, InstitutionKind.SocialLandlord)).Subject,
            (await Commune.MemberAsync(council.Id, group.Id, InstitutionKind.Police)).Subject);
    }

    private static Identity Young(int age = 16) => new()
    {
        Surname = "Dupont", FirstNames = "Léa", Sex = Sex.Female,
        BirthDate = new Google.Type.Date { Year = TestClock.Start.Year - age, Month = 1, Day = 1 }, Address = "1 rue de la Paix",
    };

    private async Task<(string SubjectRef, Case Case)> CaseAsync(Setup s, int age = 16)
    {
        var person = await Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young(age) }, services.Issuer.As(s.Member));
        var opened = await Records.OpenCaseAsync(new OpenCaseRequest { RequestId = NewId(), SubjectRef = person.SubjectRef, GroupId = s.Group }, services.Issuer.As(s.Member));
        return (person.SubjectRef, opened.Case);
    }

    [Theory]
    [InlineData("svc:access")]
    [InlineData("svc:consent")]
    [InlineData("svc:registry")]
    public async Task OpenCase_WithServiceIdentity_PermissionDenied_GW_1(string service)
    {
        var s = await CouncilWithMembersAsync();
        var person = await Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young() }, services.Issuer.As(s.Member));

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Records.OpenCaseAsync(new OpenCaseRequest { RequestId = NewId(), SubjectRef = person.SubjectRef, GroupId = s.Group }, services.Issuer.As(service)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("GW-1: the " + service[4..] + " service may not call /clspd.records.v1.RecordsService/OpenCase", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCase_GroupMember_PseudonymousViewWithoutIdentity_REC_6()
    {
        var s = await CouncilWithMembersAsync();
        var (_, opened) = await CaseAsync(s);

        var read = await Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, services.Issuer.As(s.Member));

        Assert.False(read.Named);
        Assert.Null(read.Case.Identity);
        Assert.Equal(opened.CaseCode, read.Case.CaseCode);
        Assert.Equal("16-17", read.Case.AgeBand);
        Assert.False(string.IsNullOrEmpty(read.DecisionId));
    }

    [Fact]
    public async Task GetCase_NamedWithInformingAndConsent_IdentityShown_REC_6()
    {
        // An adult decides alone; a minor's consent needs the legal representatives (CON-3).
        var s = await CouncilWithMembersAsync();
        var (subjectRef, opened) = await CaseAsync(s, age: 19);
        var given = await Commune.NamedDiscussionAsync(subjectRef, s.Group, await Commune.NoticeAsync(s.Council));

        var read = await Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true, MinConsentRevision = given }, services.Issuer.As(s.Member));

        Assert.True(read.Named);
        Assert.Equal(("Dupont", "Léa"), (read.Case.Identity.Surname, read.Case.Identity.FirstNames));
    }

    [Fact]
    public async Task GetCase_NamedAfterAcknowledgedWithdrawal_PermissionDenied_CON_4()
    {
        var s = await CouncilWithMembersAsync();
        var (subjectRef, opened) = await CaseAsync(s, age: 20);
        var given = await Commune.NamedDiscussionAsync(subjectRef, s.Group, await Commune.NoticeAsync(s.Council));
        Assert.True((await Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true, MinConsentRevision = given }, services.Issuer.As(s.Member))).Named);

        var withdrawn = await Commune.WithdrawNamedDiscussionAsync(subjectRef, s.Group);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true, MinConsentRevision = withdrawn }, services.Issuer.As(s.Member)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-3", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePerson_KnownToConsentAsMinorWithoutName()
    {
        var s = await CouncilWithMembersAsync();
        var person = await Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young(15) }, services.Issuer.As(s.Member));

        var known = await Commune.Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = person.SubjectRef }, Admin);

        Assert.Equal(TestClock.Start.Year - 15 + 18, known.Subject.MinorUntil.Year);
        Assert.DoesNotContain("Dupont", known.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCase_MinorWithoutLegalRepresentativesConsent_NamedViewDenied_CON_3()
    {
        var s = await CouncilWithMembersAsync();
        var (subjectRef, opened) = await CaseAsync(s, age: 15);
        var own = await Commune.NamedDiscussionAsync(subjectRef, s.Group, await Commune.NoticeAsync(s.Council));

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true, MinConsentRevision = own }, services.Issuer.As(s.Member)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task GetCase_NamedWithoutConsent_PermissionDenied_ACC_3()
    {
        var s = await CouncilWithMembersAsync();
        var (_, opened) = await CaseAsync(s);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true }, services.Issuer.As(s.Member)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-3", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCase_NamedForPolice_PermissionDenied_ACC_2()
    {
        var s = await CouncilWithMembersAsync();
        var (_, opened) = await CaseAsync(s);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true }, services.Issuer.As(s.Police)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal("ACC_2", ex.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task GetCase_MemberOfAnotherGroup_PermissionDenied_ACC_1()
    {
        var s = await CouncilWithMembersAsync();
        var (_, opened) = await CaseAsync(s);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, services.Issuer.As(s.Outsider)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-1", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCase_AccessServiceDown_UnavailableAndNoData_ACC_7()
    {
        var s = await CouncilWithMembersAsync();
        var access = new SwitchHandler(services.Access.Server.CreateHandler());
        await using var isolated = services.CreateRecords(() => access);
        await isolated.WaitReadyAsync();
        var client = new RecordsService.RecordsServiceClient(isolated.Channel);
        var person = await client.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young() }, services.Issuer.As(s.Member));
        var opened = await client.OpenCaseAsync(new OpenCaseRequest { RequestId = NewId(), SubjectRef = person.SubjectRef, GroupId = s.Group }, services.Issuer.As(s.Member));
        Assert.Equal(opened.Case.Id, (await client.GetCaseAsync(new GetCaseRequest { CaseId = opened.Case.Id }, services.Issuer.As(s.Member))).Case.Id);

        access.Down = true;
        var ex = await Assert.ThrowsAsync<RpcException>(() => client.GetCaseAsync(new GetCaseRequest { CaseId = opened.Case.Id }, services.Issuer.As(s.Member)).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.StartsWith("ACC-7", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePerson_CouncilNotReady_FailedPrecondition_REG_1()
    {
        var s = await CouncilWithMembersAsync(ready: false);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young() }, services.Issuer.As(s.Member)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REG-1", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Fact]
    public async Task CreatePerson_Aged26_FailedPrecondition_REC_4()
    {
        var s = await CouncilWithMembersAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young(26) }, services.Issuer.As(s.Member)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.StartsWith("REC-4", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePerson_FieldOutsideWhitelist_InvalidArgument_REC_1()
    {
        var s = await CouncilWithMembersAsync();
        // A client built from another contract sends a social-security number as field 15.
        var bytes = Young().ToByteArray().Concat(new byte[] { (15 << 3) | 2, 13 }).Concat("1850512345678"u8.ToArray()).ToArray();
        var identity = Identity.Parser.ParseFrom(bytes);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = identity }, services.Issuer.As(s.Member)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "identity" && v.Description.Contains("REC-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreatePerson_NotDesignatedInCouncil_PermissionDenied()
    {
        var s = await CouncilWithMembersAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young() }, services.Issuer.As("stranger")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task CreatePerson_Retried_SameSubjectRef()
    {
        var s = await CouncilWithMembersAsync();
        var request = new CreatePersonRequest { RequestId = NewId(), CouncilId = s.Council, Identity = Young() };

        var first = await Records.CreatePersonAsync(request, services.Issuer.As(s.Member));
        var retry = await Records.CreatePersonAsync(request, services.Issuer.As(s.Member));

        Assert.Equal(first.SubjectRef, retry.SubjectRef);
    }

    [Fact]
    public async Task GetCase_Unknown_PermissionDeniedWithoutEchoingTheId_ACC_1()
    {
        // An unknown id answers as a case kept from the caller does: nobody can enumerate ids (ExistenceHiddenTests).
        var s = await CouncilWithMembersAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = "missing" }, services.Issuer.As(s.Member)).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "ACC-1: " + global::Clspd.Records.Domain.Unseen.Sentence), (ex.StatusCode, ex.Status.Detail));
    }

    /// <summary>Forwards to the access service until <see cref="Down"/> is set, then refuses connections.</summary>
    private sealed class SwitchHandler(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(inner);

        public volatile bool Down;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Down ? throw new HttpRequestException("connection refused") : _inner.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
