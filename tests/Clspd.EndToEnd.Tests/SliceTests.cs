using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// The whole way through the gateway: the registry designates, consent records informing and
/// consent, records opens a case, access decides from registry and consent facts and audits.
/// </summary>
public sealed class SliceTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private RecordsService.RecordsServiceClient Records => new(stack.Gateway);

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static Identity Person(int age) => new()
    {
        Surname = "Moreau", FirstNames = "Inès", Sex = Sex.Female,
        BirthDate = BornYearsAgo(age),
    };

    /// <summary>A birth date that makes the person <paramref name="age"/> on any day of the year the stack runs (its clock is the system's).</summary>
    private static Google.Type.Date BornYearsAgo(int age)
    {
        var day = DateTime.UtcNow.AddYears(-age).AddDays(-40);
        return new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day };
    }

    [Fact]
    public async Task Gateway_Health_Serving()
    {
        var health = await new Health.HealthClient(stack.Gateway).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task DesignatedMember_ReadsCase_AuditedAndOutsiderRefused_ACC_1_ACC_4()
    {
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id, GroupKind.Operational);
        var other = await commune.GroupAsync(council.Id, GroupKind.Territorial);
        var (member, _) = await commune.MemberAsync(council.Id, group.Id);
        var (outsider, _) = await commune.MemberAsync(council.Id, other.Id, InstitutionKind.SocialLandlord);

        var person = await Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = council.Id, Identity = Person(19) }, stack.As(member));
        var notice = await commune.NoticeAsync(council.Id);
        var consented = await commune.NamedDiscussionAsync(person.SubjectRef, group.Id, notice);
        var opened = await Records.OpenCaseAsync(new OpenCaseRequest { RequestId = NewId(), SubjectRef = person.SubjectRef, GroupId = group.Id }, stack.As(member));

        var pseudonymous = await Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Case.Id }, stack.As(member));
        var named = await Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Case.Id, Named = true, MinConsentRevision = consented }, stack.As(member));
        var refused = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Case.Id }, stack.As(outsider)).ResponseAsync);

        Assert.Null(pseudonymous.Case.Identity);
        Assert.Equal("18-21", pseudonymous.Case.AgeBand);
        Assert.Equal("Moreau", named.Case.Identity.Surname);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.StartsWith("ACC-1", refused.Status.Detail, StringComparison.Ordinal);

        var trail = await new AuditService.AuditServiceClient(stack.Gateway).ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = opened.Case.Id }, commune.Admin);
        Assert.Equal(
            [(member, Outcome.Allow, View.Pseudonymous), (member, Outcome.Allow, View.Named), (outsider, Outcome.Deny, View.Pseudonymous)],
            trail.Entries.Where(e => e.Action == AccessAction.ReadCase).Select(e => (e.Principal, e.Outcome, e.View)));
        Assert.DoesNotContain(trail.Entries, e => e.Reason.Contains("Moreau", StringComparison.Ordinal));
        var verified = await new AuditService.AuditServiceClient(stack.Gateway).VerifyAuditAsync(new VerifyAuditRequest(), commune.Admin);
        Assert.True(verified.Intact, verified.Message);
    }

    [Fact]
    public async Task PoliceParticipant_NamedView_Refused_ACC_2()
    {
        var commune = stack.Commune;
        var council = await commune.CouncilAsync();
        var group = await commune.GroupAsync(council.Id);
        var (member, _) = await commune.MemberAsync(council.Id, group.Id);
        var (police, _) = await commune.MemberAsync(council.Id, group.Id, InstitutionKind.Police);
        var person = await Records.CreatePersonAsync(new CreatePersonRequest { RequestId = NewId(), CouncilId = council.Id, Identity = Person(20) }, stack.As(member));
        var opened = await Records.OpenCaseAsync(new OpenCaseRequest { RequestId = NewId(), SubjectRef = person.SubjectRef, GroupId = group.Id }, stack.As(member));

        var ex = await Assert.ThrowsAsync<RpcException>(() => Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Case.Id, Named = true }, stack.As(police)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-2", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("registry")]
    [InlineData("consent")]
    [InlineData("records")]
    [InlineData("access")]
    public async Task Call_WithoutToken_UnauthenticatedAtGatewayAndAtServicePort_GW_1(string service)
    {
        using var direct = stack.Direct(service);
        foreach (var channel in new[] { stack.Gateway, direct })
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => CallAsync(service, channel));
            Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
            Assert.Contains("GW-1", ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static Task CallAsync(string service, Grpc.Net.Client.GrpcChannel channel) => service switch
    {
        "registry" => new RegistryService.RegistryServiceClient(channel).GetCouncilAsync(new GetCouncilRequest { CouncilId = "x" }).ResponseAsync,
        "consent" => new ConsentService.ConsentServiceClient(channel).GetConsentStateAsync(new GetConsentStateRequest { SubjectRef = "x" }).ResponseAsync,
        "records" => new RecordsService.RecordsServiceClient(channel).GetCaseAsync(new GetCaseRequest { CaseId = "x" }).ResponseAsync,
        _ => new AccessService.AccessServiceClient(channel).CheckAsync(new CheckRequest { Principal = "x" }).ResponseAsync,
    };

    [Fact]
    public async Task Call_DirectToServiceWithValidToken_SameRulesAsThroughGateway_GW_1()
    {
        using var direct = stack.Direct("registry");
        var ex = await Assert.ThrowsAsync<RpcException>(() => new RegistryService.RegistryServiceClient(direct)
            .CreateCouncilAsync(new CreateCouncilRequest { RequestId = NewId(), Name = "X", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" } }, stack.As("mallory")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }
}
