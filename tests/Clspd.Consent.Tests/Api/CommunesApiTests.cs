using Clspd.Consent.Tests.Domain;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using WatchRequest = Clspd.Consent.V1.WatchRequest;
using WatchResponse = Clspd.Consent.V1.WatchResponse;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

/// <summary>
/// One department's consent, two communes (ACC-1, minimal feeds): each commune's services, known by
/// their client certificate's organisation, hear only of the subjects of the councils their commune
/// runs; designations are asked of the registry of the subject's council; a person whose issuer is
/// bound to council A acts for A only.
/// </summary>
public sealed class CommunesApiTests(CommunesHost host) : IClassFixture<CommunesHost>
{
    private readonly ConsentService.ConsentServiceClient _people = new(host.Host.Channel);
    private readonly NoticeService.NoticeServiceClient _notices = new(host.Host.Channel);

    private CallOptions As(string subject) => host.Issuer.As(subject);

    [Fact]
    public async Task Watch_TwoCommunesCertificates_EachSeesOnlyItsOwnSubjects_ACC_1()
    {
        var notice = await NoticeAsync();
        var a = await SubjectAsync("commune-a", "council-a");
        var b = await SubjectAsync("commune-b", "council-b");
        await InformAndDecideAsync(a, notice);
        var last = await InformAndDecideAsync(b, notice);

        var seenByA = await WatchAsync("commune-a", last);
        var seenByB = await WatchAsync("commune-b", last);
        var seenByOther = await WatchAsync("commune-c", last);

        Assert.Equal([a, a, a], seenByA.Select(SubjectOf).Where(s => s == a || s == b));
        Assert.Equal([b, b, b], seenByB.Select(SubjectOf).Where(s => s == a || s == b));
        Assert.DoesNotContain(seenByA, r => SubjectOf(r) == b);
        Assert.DoesNotContain(seenByB, r => SubjectOf(r) == a);
        // An organisation that runs no commune hears nothing but the revision numbers.
        Assert.All(seenByOther, r => Assert.Equal(WatchResponse.ChangeOneofCase.None, r.ChangeCase));
        foreach (var seen in new[] { seenByA, seenByB })
        {
            var changes = seen.Where(r => r.ChangeCase != WatchResponse.ChangeOneofCase.None).Select(r => r.Revision).ToList();
            Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First < p.Second), "the changes' revisions strictly increase");
        }
    }

    [Fact]
    public async Task Watch_ErasureOfCommuneASubject_ReachesCommuneAOnly_ACC_1()
    {
        var notice = await NoticeAsync();
        var a = await SubjectAsync("commune-a", "council-a");
        await InformAndDecideAsync(a, notice);
        var erased = await host.SubjectsOf("records", "commune-a").EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = a }, As("svc:records"));
        var last = (await host.SubjectsOf("records", "commune-b").PutSubjectAsync(Put("p-" + NewId()[..12], "council-b"), As("svc:records"))).Revision;

        var seenByA = await WatchAsync("commune-a", last);
        var seenByB = await WatchAsync("commune-b", last);

        Assert.True(erased.Erased);
        Assert.Contains(seenByA, r => r.ChangeCase == WatchResponse.ChangeOneofCase.SubjectErased);
        Assert.DoesNotContain(seenByB, r => r.ChangeCase == WatchResponse.ChangeOneofCase.SubjectErased);
        // The erased subject's own changes are forgotten: nobody receives them any more.
        Assert.DoesNotContain(seenByA, r => SubjectOf(r) == a);
    }

    [Fact]
    public async Task GetConsentState_OtherCommunesSubject_AnsweredAsUnknown_ACC_1()
    {
        var notice = await NoticeAsync();
        var a = await SubjectAsync("commune-a", "council-a");
        await InformAndDecideAsync(a, notice);

        var byA = await host.ConsentOf("access", "commune-a").GetConsentStateAsync(new GetConsentStateRequest { SubjectRef = a, Purpose = Purpose.DataProcessing }, As("svc:access"));
        var byB = await host.ConsentOf("access", "commune-b").GetConsentStateAsync(new GetConsentStateRequest { SubjectRef = a, Purpose = Purpose.DataProcessing }, As("svc:access"));

        Assert.True(byA.SubjectKnown);
        Assert.Equal(ConsentState.Permitted, byA.State);
        Assert.False(byB.SubjectKnown);
        Assert.NotEqual(ConsentState.Permitted, byB.State);
        Assert.False(byB.Informed);
    }

    [Fact]
    public async Task GetConsentStatistics_OtherCommunesCouncil_PermissionDenied_ACC_1()
    {
        var request = new GetConsentStatisticsRequest
        {
            CouncilId = "council-a", From = Timestamp.FromDateTimeOffset(TestClockStart.AddDays(-30)), To = Timestamp.FromDateTimeOffset(TestClockStart.AddDays(1)),
        };

        var own = await host.ConsentOf("records", "commune-a").GetConsentStatisticsAsync(request, As("svc:records"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => host.ConsentOf("records", "commune-b").GetConsentStatisticsAsync(request, As("svc:records")).ResponseAsync);

        Assert.True(own.Subjects >= 0);
        AssertRule(ex, "ACC-1");
    }

    [Fact]
    public async Task PutSubject_OtherCommunesCouncilOrSubject_PermissionDenied_ACC_1()
    {
        var a = await SubjectAsync("commune-a", "council-a");
        var recordsB = host.SubjectsOf("records", "commune-b");

        var intoA = await Assert.ThrowsAsync<RpcException>(() => recordsB.PutSubjectAsync(Put("p-" + NewId()[..12], "council-a"), As("svc:records")).ResponseAsync);
        var takeOver = await Assert.ThrowsAsync<RpcException>(() => recordsB.PutSubjectAsync(Put(a, "council-b"), As("svc:records")).ResponseAsync);
        var noCouncil = await Assert.ThrowsAsync<RpcException>(() => recordsB.PutSubjectAsync(Put("p-" + NewId()[..12], ""), As("svc:records")).ResponseAsync);

        AssertRule(intoA, "ACC-1");
        AssertRule(takeOver, "ACC-1");
        // Neither the council nor the commune the subject is registered with is named.
        Assert.DoesNotContain("council-a", takeOver.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("commune-a", takeOver.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, noCouncil.StatusCode);
        Assert.Contains(noCouncil.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "council_id");
    }

    [Fact]
    public async Task EraseSubject_OtherCommunesSubject_AnsweredAsUnknown_ACC_1()
    {
        var notice = await NoticeAsync();
        var a = await SubjectAsync("commune-a", "council-a");
        await InformAndDecideAsync(a, notice);

        var byB = await host.SubjectsOf("records", "commune-b").EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = a }, As("svc:records"));
        var byA = await host.SubjectsOf("records", "commune-a").EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = a }, As("svc:records"));

        Assert.False(byB.Erased);
        Assert.True(byA.Erased);
        Assert.Equal(1, byA.DecisionsErased);
    }

    [Fact]
    public async Task RecordInforming_DesignationAskedOfTheSubjectsCouncilRegistry_CON_2()
    {
        var notice = await NoticeAsync();
        var agent = "agent-" + NewId()[..8];
        host.Registries.ByCommune["a"].Designations[agent] = [Designated("g-a", "council-a")];
        var inA = await SubjectAsync("commune-a", "council-a", "g-a");
        // Same group id in commune B's council: commune B's registry knows nothing of the agent.
        var inB = await SubjectAsync("commune-b", "council-b", "g-a");

        var informed = await InformAsync(inA, notice, As(agent));
        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(inB, notice, As(agent)));

        Assert.Equal(inA, informed.Informing.SubjectRef);
        AssertRule(ex, "CON-2");
    }

    [Fact]
    public async Task RecordInforming_IssuerBoundToCouncilA_DesignationInCouncilBDoesNotCount_ACC_1_CON_2()
    {
        var notice = await NoticeAsync();
        var agent = "agent-" + NewId()[..8];
        // Designated in commune B's council: a designation the people's issuer (bound to council A) does not let count.
        host.Registries.ByCommune["b"].Designations[agent] = [Designated("g-b", "council-b")];
        var inB = await SubjectAsync("commune-b", "council-b", "g-b");

        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(inB, notice, As(agent)));

        AssertRule(ex, "CON-2");
    }

    [Fact]
    public async Task RecordInforming_RecorderWhoseIssuerIsBoundToCouncilA_OnlyForCouncilA_ACC_1_CON_2()
    {
        var notice = await NoticeAsync();
        var inA = await SubjectAsync("commune-a", "council-a");
        var inB = await SubjectAsync("commune-b", "council-b");

        var informed = await InformAsync(inA, notice, As("worker"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(inB, notice, As("worker")));

        Assert.Equal(inA, informed.Informing.SubjectRef);
        AssertRule(ex, "CON-2");
    }

    [Fact]
    public async Task RecordInforming_RecorderBoundToCouncilA_UnknownSubjectRefusedAsCouncilBs_ACC_1_CON_2()
    {
        var notice = await NoticeAsync();
        var inB = await SubjectAsync("commune-b", "council-b");

        var ofB = await Assert.ThrowsAsync<RpcException>(() => InformAsync(inB, notice, As("worker")));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => InformAsync("p-" + NewId()[..12], notice, As("worker")));
        var unknownByAdmin = await Assert.ThrowsAsync<RpcException>(() => InformAsync("p-" + NewId()[..12], notice, As("admin")));

        // The same answer: whether a subject of another council exists is not told.
        Assert.Equal((ofB.StatusCode, ofB.Status.Detail), (unknown.StatusCode, unknown.Status.Detail));
        AssertRule(unknown, "CON-2");
        // An unbound administrator, who may record for every subject, learns that it is unknown.
        Assert.Equal(StatusCode.NotFound, unknownByAdmin.StatusCode);
    }

    [Fact]
    public async Task GetConsentState_RecorderBoundToCouncilA_UnknownSubjectRefusedAsCouncilBs_ACC_1()
    {
        var inB = await SubjectAsync("commune-b", "council-b");
        GetConsentStateRequest State(string subjectRef) => new() { SubjectRef = subjectRef, Purpose = Purpose.DataProcessing };

        var ofB = await Assert.ThrowsAsync<RpcException>(() => _people.GetConsentStateAsync(State(inB), As("worker")).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _people.GetConsentStateAsync(State("p-" + NewId()[..12]), As("worker")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, unknown.StatusCode);
        Assert.Equal((ofB.StatusCode, ofB.Status.Detail), (unknown.StatusCode, unknown.Status.Detail));
    }

    private static readonly DateTimeOffset TestClockStart = Clspd.Testing.TestClock.Start;

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static string? SubjectOf(WatchResponse r) => r.ChangeCase switch
    {
        WatchResponse.ChangeOneofCase.Informing => r.Informing.SubjectRef,
        WatchResponse.ChangeOneofCase.Decision => r.Decision.SubjectRef,
        WatchResponse.ChangeOneofCase.Subject => r.Subject.SubjectRef,
        _ => null,
    };

    private static Designation Designated(string group, string council) => new()
    {
        GroupId = group, CouncilId = council, Role = Role.GroupMember, InstitutionKind = InstitutionKind.SpecialisedPrevention, GroupKind = GroupKind.Territorial,
    };

    private static PutSubjectRequest Put(string subjectRef, string council, params string[] groups) =>
        new() { RequestId = NewId(), SubjectRef = subjectRef, CouncilId = council, GroupIds = { groups } };

    private async Task<string> SubjectAsync(string organisation, string council, params string[] groups)
    {
        var subjectRef = "p-" + NewId()[..12];
        await host.SubjectsOf("records", organisation).PutSubjectAsync(Put(subjectRef, council, groups), As("svc:records"));
        return subjectRef;
    }

    private async Task<string> NoticeAsync()
    {
        var draft = await _notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest { RequestId = NewId(), CouncilId = "council-a", Content = NoticeRulesTests.Complete() }, As("dpo"));
        return (await _notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = NewId(), NoticeId = draft.Notice.Id }, As("dpo"))).Notice.Id;
    }

    private Task<RecordInformingResponse> InformAsync(string subjectRef, string notice, CallOptions options) =>
        _people.RecordInformingAsync(new RecordInformingRequest { RequestId = NewId(), SubjectRef = subjectRef, Channel = Channel.InPerson, NoticeVersion = notice }, options).ResponseAsync;

    /// <summary>Informs the subject and records its consent (as the administrator); returns the decision's revision.</summary>
    private async Task<long> InformAndDecideAsync(string subjectRef, string notice)
    {
        await InformAsync(subjectRef, notice, As("admin"));
        var decided = await _people.RecordDecisionAsync(new RecordDecisionRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Purpose = Purpose.DataProcessing, Decision = Decision.Given,
            Evidence = "Formulaire signé n° F-2026-118", NoticeVersion = notice,
        }, As("admin"));
        return decided.Revision;
    }

    /// <summary>What the access service of an organisation receives from the start up to the heartbeat past <paramref name="until"/>.</summary>
    private async Task<List<WatchResponse>> WatchAsync(string organisation, long until)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(60));
        using var call = host.ConsentOf("access", organisation).Watch(new WatchRequest(), As("svc:access").WithCancellationToken(cts.Token));
        var seen = new List<WatchResponse>();
        while (await call.ResponseStream.MoveNext(cts.Token))
        {
            seen.Add(call.ResponseStream.Current);
            if (call.ResponseStream.Current.ChangeCase == WatchResponse.ChangeOneofCase.None && call.ResponseStream.Current.Revision >= until)
            {
                break;
            }
        }

        return seen;
    }

    private static void AssertRule(RpcException ex, string ruleId)
    {
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith(ruleId + ":", ex.Status.Detail, StringComparison.Ordinal);
    }
}
