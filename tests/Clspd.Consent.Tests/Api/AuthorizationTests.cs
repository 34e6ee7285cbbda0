using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

public sealed class AuthorizationTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    private void Designate(string subject, string groupId, Role role, InstitutionKind kind = InstitutionKind.SpecialisedPrevention) =>
        HostFixture.Registry.Designations[subject] =
        [
            new Designation
            {
                Id = NewId(), GroupId = groupId, CouncilId = "c-1", Role = role, InstitutionKind = kind, GroupKind = GroupKind.Operational,
                ValidFrom = Timestamp.FromDateTimeOffset(Now.AddDays(-30)), ValidTo = Timestamp.FromDateTimeOffset(Now.AddDays(300)),
            },
        ];

    [Fact]
    public async Task RecordInforming_WithoutToken_Unauthenticated_GW_1()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.RecordInformingAsync(new RecordInformingRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("GW-1", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordInforming_UndesignatedCaller_PermissionDenied_CON_2()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(groups: ["g-auth-1"]);

        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(subject, notice, options: As("mallory")));

        AssertRule(ex, StatusCode.PermissionDenied, "CON-2");
    }

    [Fact]
    public async Task RecordDecision_ParticipantDesignatedInSubjectsGroup_Recorded_CON_3()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(groups: ["g-auth-2"]);
        Designate("educ-lea", "g-auth-2", Role.GroupMember);

        await InformAsync(subject, notice, options: As("educ-lea"));
        var decision = await DecideAsync(subject, notice, Decision.Given, options: As("educ-lea"));

        Assert.Equal("educ-lea", decision.Decision.RecordedBy);
    }

    [Fact]
    public async Task RecordDecision_ParticipantOfAnotherGroup_PermissionDenied_CON_3()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(groups: ["g-auth-3"]);
        await InformAsync(subject, notice);
        Designate("educ-tom", "g-elsewhere", Role.GroupMember);

        var ex = await Assert.ThrowsAsync<RpcException>(() => DecideAsync(subject, notice, Decision.Given, options: As("educ-tom")));

        AssertRule(ex, StatusCode.PermissionDenied, "CON-3");
    }

    [Fact]
    public async Task RecordDecision_PoliceDesignatedInGroup_PermissionDenied_CON_3()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(groups: ["g-auth-4"]);
        await InformAsync(subject, notice);
        Designate("officer", "g-auth-4", Role.GroupMember, InstitutionKind.Police);

        var ex = await Assert.ThrowsAsync<RpcException>(() => DecideAsync(subject, notice, Decision.Given, options: As("officer")));

        AssertRule(ex, StatusCode.PermissionDenied, "CON-3");
    }

    [Fact]
    public async Task GetConsentState_Stranger_PermissionDenied_CON_4()
    {
        var subject = await SubjectAsync(groups: ["g-auth-5"]);

        var ex = await Assert.ThrowsAsync<RpcException>(() => StateAsync(subject, options: As("mallory")));

        AssertRule(ex, StatusCode.PermissionDenied, "CON-4");
    }

    [Fact]
    public async Task GetConsentState_ConfiguredCoordinator_Answers_CON_4()
    {
        var subject = await SubjectAsync();

        var state = await StateAsync(subject, options: As("coordinator"));

        Assert.Equal(ConsentState.NotAsked, state.State);
        Assert.True(state.SubjectKnown);
    }

    [Fact]
    public async Task PutSubject_Participant_PermissionDenied_CON_3()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Subjects.PutSubjectAsync(new PutSubjectRequest { RequestId = NewId(), SubjectRef = "p-x" }, As("mallory")).ResponseAsync);

        AssertRule(ex, StatusCode.PermissionDenied, "CON-3");
    }

    [Fact]
    public async Task PutSubject_BadReferences_InvalidArgumentNamingEach()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Subjects.PutSubjectAsync(new PutSubjectRequest
        {
            RequestId = NewId(), SubjectRef = "p-y", LegalRepresentativeRefs = { "rep", "rep", "p-y" },
            MinorUntil = new Google.Type.Date { Year = 2030, Month = 2, Day = 30 },
        }, Records).ResponseAsync);

        AssertField(ex, "legal_representative_refs[1]");
        AssertField(ex, "legal_representative_refs[2]");
    }

    [Fact]
    public async Task PutSubject_Replaced_RepresentativesAndGroupsReplaced()
    {
        var subject = await SubjectAsync(new DateOnly(2031, 1, 1), ["rep-1", "rep-2"], ["g-1"]);
        await Subjects.PutSubjectAsync(new PutSubjectRequest
        {
            RequestId = NewId(), SubjectRef = subject, MinorUntil = new Google.Type.Date { Year = 2031, Month = 1, Day = 1 },
            LegalRepresentativeRefs = { "rep-2" }, GroupIds = { "g-2", "g-3" },
        }, Records);

        var read = (await Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = subject }, Worker)).Subject;

        Assert.Equal(["rep-2"], read.LegalRepresentativeRefs);
        Assert.Equal(["g-2", "g-3"], read.GroupIds);
        Assert.Equal(2031, read.MinorUntil.Year);
    }

    [Fact]
    public async Task RecordInforming_RegistryDown_UnavailableForParticipants()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(groups: ["g-auth-6"]);
        HostFixture.Registry.Down = true;
        try
        {
            var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(subject, notice, options: As("educ-down")));
            Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        }
        finally
        {
            HostFixture.Registry.Down = false;
        }
    }

    [Fact]
    public async Task WithdrawConsent_WithRegistryServiceIdentity_PermissionDenied_GW_1()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Given);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = NewId(), SubjectRef = subject, Purpose = Purpose.DataProcessing, Evidence = "forged",
        }, As("svc:registry")).ResponseAsync);

        AssertRule(ex, StatusCode.PermissionDenied, "GW-1");
        Assert.Contains("registry service may not call /clspd.consent.v1.ConsentService/WithdrawConsent", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ConsentState.Permitted, (await StateAsync(subject)).State);
    }

    [Fact]
    public async Task RecordDecision_GivenWithAccessServiceIdentity_PermissionDenied_GW_1()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);

        var ex = await Assert.ThrowsAsync<RpcException>(() => DecideAsync(subject, notice, Decision.Given, options: Access));

        AssertRule(ex, StatusCode.PermissionDenied, "GW-1");
        Assert.NotEqual(ConsentState.Permitted, (await StateAsync(subject)).State);
    }

    [Theory]
    [InlineData("svc:records")]
    [InlineData("svc:access")]
    [InlineData("svc:consent")]
    public async Task RecordInforming_WithAnyServiceIdentity_PermissionDenied_GW_1(string service)
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(subject, notice, options: As(service)));

        AssertRule(ex, StatusCode.PermissionDenied, "GW-1");
    }

    [Fact]
    public async Task PutSubject_WithAccessServiceIdentity_PermissionDenied_OnlyRecordsRegistersSubjects_GW_1()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Subjects.PutSubjectAsync(
            new PutSubjectRequest { RequestId = NewId(), SubjectRef = "p-" + NewId()[..12] }, Access).ResponseAsync);

        AssertRule(ex, StatusCode.PermissionDenied, "GW-1");
    }

    [Fact]
    public async Task Watch_WithRecordsServiceIdentity_PermissionDenied_OnlyAccessFollowsTheFeed_GW_1()
    {
        using var call = Consent.Watch(new V1.WatchRequest(), Records);

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        AssertRule(ex, StatusCode.PermissionDenied, "GW-1");
    }
}
