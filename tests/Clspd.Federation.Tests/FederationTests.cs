using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ConsentWatchRequest = Clspd.Consent.V1.WatchRequest;
using ConsentWatchResponse = Clspd.Consent.V1.WatchResponse;

namespace Clspd.Federation.Tests;

/// <summary>
/// Two communes and a department, each on its own loopback address with its own issuer, CA and data,
/// talking mutual TLS: each commune works end to end with the department's consent, and nothing of
/// commune A's persons reaches commune B — through B's gateway, through A's, or through the
/// department's feed.
/// </summary>
public sealed class FederationTests(FederationFixture federation) : IClassFixture<FederationFixture>
{
    private static string NewId() => Guid.NewGuid().ToString("N");

    private static Identity Person(int age)
    {
        var day = DateTime.UtcNow.AddYears(-age).AddDays(-40);
        return new Identity { Surname = "Moreau", FirstNames = "Inès", Sex = Sex.Female, BirthDate = new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day } };
    }

    private static RecordsService.RecordsServiceClient Records(FederationOrganisation commune) => new(commune.Gateway);

    /// <summary>
    /// In commune A: a professional designated in an operational group records a person (registered
    /// with the department's consent), the department records the person's informing and consent to a
    /// named discussion, and the professional opens the case.
    /// </summary>
    private async Task<(string Member, string SubjectRef, string CaseId, long ConsentRevision)> ConsentingCaseOfCommuneAAsync()
    {
        var a = federation.A;
        var group = await federation.CommuneA.GroupAsync(federation.CouncilA.Id, GroupKind.Operational);
        var (member, _) = await federation.CommuneA.MemberAsync(federation.CouncilA.Id, group.Id);
        var person = await Records(a).CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = federation.CouncilA.Id, Identity = Person(19) }, a.As(member));
        var notice = await federation.DepartmentDesk.NoticeAsync(federation.CouncilA.Id);
        var consented = await federation.DepartmentDesk.NamedDiscussionAsync(person.SubjectRef, group.Id, notice);
        var opened = await Records(a).OpenCaseAsync(new OpenCaseRequest { RequestId = NewId(), SubjectRef = person.SubjectRef, GroupId = group.Id }, a.As(member));
        return (member, person.SubjectRef, opened.Case.Id, consented);
    }

    private async Task<(string Member, string SubjectRef)> PersonOfCommuneBAsync()
    {
        var b = federation.B;
        var group = await federation.CommuneB.GroupAsync(federation.CouncilB.Id, GroupKind.Operational);
        var (member, _) = await federation.CommuneB.MemberAsync(federation.CouncilB.Id, group.Id);
        var person = await Records(b).CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = federation.CouncilB.Id, Identity = Person(20) }, b.As(member));
        return (member, person.SubjectRef);
    }

    [Fact]
    public async Task Federation_CommuneProfessional_ReadsNamedCaseWithDepartmentsConsent_ACC_1_ACC_3()
    {
        var (member, _, caseId, consented) = await ConsentingCaseOfCommuneAAsync();

        var named = await Records(federation.A).GetCaseAsync(new GetCaseRequest { CaseId = caseId, Named = true, MinConsentRevision = consented }, federation.A.As(member));

        Assert.Equal("Moreau", named.Case.Identity.Surname);
        Assert.Equal(federation.CouncilA.Id, named.Case.CouncilId);
    }

    [Fact]
    public async Task Federation_OtherCommunesProfessional_GetsNothingOfTheCase_GW_1_ACC_1()
    {
        var (_, subjectRef, caseId, _) = await ConsentingCaseOfCommuneAAsync();
        var (memberOfB, _) = await PersonOfCommuneBAsync();

        // Through B's gateway: B's records hold no such case, answered as a case kept from the caller is.
        var atB = await Assert.ThrowsAsync<RpcException>(() => Records(federation.B).GetCaseAsync(new GetCaseRequest { CaseId = caseId }, federation.B.As(memberOfB)).ResponseAsync);
        // Through A's gateway: B's issuer is not one A trusts, so the token is nobody's.
        var atA = await Assert.ThrowsAsync<RpcException>(() => Records(federation.A).GetCaseAsync(new GetCaseRequest { CaseId = caseId }, federation.B.As(memberOfB)).ResponseAsync);
        // At the department, B's issuer is bound to B's council: no designation of B's member counts for A's person.
        var atDepartment = await Assert.ThrowsAsync<RpcException>(() => new ConsentService.ConsentServiceClient(federation.Department.Gateway)
            .GetConsentStateAsync(new GetConsentStateRequest { SubjectRef = subjectRef, Purpose = Purpose.ProgrammeEnrolment }, federation.B.As(memberOfB)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, atB.StatusCode);
        Assert.StartsWith("ACC-1", atB.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, atA.StatusCode);
        Assert.Contains("GW-1", atA.Status.Detail, StringComparison.Ordinal);
        var unknownAtDepartment = await Assert.ThrowsAsync<RpcException>(() => new ConsentService.ConsentServiceClient(federation.Department.Gateway)
            .GetConsentStateAsync(new GetConsentStateRequest { SubjectRef = "S-" + NewId(), Purpose = Purpose.ProgrammeEnrolment }, federation.B.As(memberOfB)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, atDepartment.StatusCode);
        // The answer an unknown subject gets: whether A's person exists is not told.
        Assert.Equal((atDepartment.StatusCode, atDepartment.Status.Detail), (unknownAtDepartment.StatusCode, unknownAtDepartment.Status.Detail));
        Assert.DoesNotContain("Moreau", atB.Status.Detail + atA.Status.Detail + atDepartment.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Federation_TokenOfCommuneA_IsNobodyAtCommuneB_GW_1()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => new RegistryService.RegistryServiceClient(federation.B.Gateway)
            .GetCouncilAsync(new GetCouncilRequest { CouncilId = federation.CouncilB.Id }, federation.A.As("admin")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task Federation_DepartmentsWatch_ServesCommuneAOnlyItsSubjects()
    {
        var (_, subjectOfB) = await PersonOfCommuneBAsync();
        var (_, subjectOfA, _, consented) = await ConsentingCaseOfCommuneAAsync();
        // As commune A's access service follows the feed: its certificate (O=commune-a), its issuer's token.
        var channel = federation.A.ChannelAs("access", federation.Department.EndpointOf("consent"), federation.Department.CaFile);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));

        var seen = new List<string>();
        using (var watch = new ConsentService.ConsentServiceClient(channel).Watch(new ConsentWatchRequest(), federation.A.As("svc:access").WithCancellationToken(deadline.Token)))
        {
            // The feed is in revision order: once A's consent is seen, B's earlier registration has gone by.
            await foreach (var change in watch.ResponseStream.ReadAllAsync(deadline.Token))
            {
                seen.Add(change.ChangeCase switch
                {
                    ConsentWatchResponse.ChangeOneofCase.Subject => change.Subject.SubjectRef,
                    ConsentWatchResponse.ChangeOneofCase.Informing => change.Informing.SubjectRef,
                    ConsentWatchResponse.ChangeOneofCase.Decision => change.Decision.SubjectRef,
                    _ => "",
                });
                if (change.Revision >= consented)
                {
                    break;
                }
            }
        }

        Assert.Contains(subjectOfA, seen);
        Assert.DoesNotContain(subjectOfB, seen);
    }

    [Fact]
    public async Task Federation_ConsentForgedWithCommunesServiceIdentity_PermissionDenied_GW_1()
    {
        var (_, subjectRef, _, _) = await ConsentingCaseOfCommuneAAsync();
        // Commune A's access service, with its own certificate and token, straight to the department's consent.
        var channel = federation.A.ChannelAs("access", federation.Department.EndpointOf("consent"), federation.Department.CaFile);

        var ex = await Assert.ThrowsAsync<RpcException>(() => new ConsentService.ConsentServiceClient(channel).WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Purpose = Purpose.ProgrammeEnrolment, Evidence = "forged",
        }, federation.A.As("svc:access")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("GW-1", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Federation_ServicePort_AnswersOnlyClientsOfATrustedCa()
    {
        var records = federation.A.EndpointOf("records");
        var own = federation.A.ChannelAs("access", records, federation.A.CaFile);
        // Commune B's records certificate: B's CA is not one commune A trusts.
        var otherCommune = federation.B.ChannelAs("records", records, federation.A.CaFile);
        using var cleartext = GrpcChannel.ForAddress(records.Replace("https://", "http://", StringComparison.Ordinal));

        var serving = await new Health.HealthClient(own).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var refused = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(otherCommune).CheckAsync(new HealthCheckRequest()).ResponseAsync);
        var plain = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(cleartext).CheckAsync(new HealthCheckRequest()).ResponseAsync);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, serving.Status);
        Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
        Assert.Contains(plain.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }
}
