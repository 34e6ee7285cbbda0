using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Clspd.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Access.Tests.Api;

public sealed class AccessApiTests(AccessServices stack) : IClassFixture<AccessServices>
{
    private RegistryService.RegistryServiceClient Registry => new(stack.Registry.Channel);

        private AccessService.AccessServiceClient Access => new(stack.Access.Channel);

    private CallOptions Admin => stack.Issuer.As("admin");

    private CallOptions Records => stack.Issuer.As("svc:records");

    private static string NewId() => Guid.NewGuid().ToString("N");

    private Commune Commune => new(stack.Registry.Channel, stack.Consent.Channel, stack.Issuer.As, stack.Registry.Clock);

    /// <summary>A council with a group and one participant designated in it; returns (council, group, subject).</summary>
    private async Task<(string Council, string Group, string Subject)> DesignatedMemberAsync(InstitutionKind kind = InstitutionKind.SpecialisedPrevention)
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var (subject, _) = await Commune.MemberAsync(council.Id, group.Id, kind);
        return (council.Id, group.Id, subject);
    }

    /// <summary>A group member designated by mayor's order, whose pseudonymous read is allowed once the designation is seen.</summary>
    private async Task<(Council Council, Group Group, Participant Participant, DesignateResponse Designated)> AllowedMemberAsync()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id);
        var participant = await Commune.ParticipantAsync(council.Id);
        var designated = await Commune.DesignateAsync(participant, group.Id);
        var before = Check(participant.Subjects[0], council.Id, group.Id);
        before.MinRegistryRevision = designated.Revision;
        Assert.Equal(Outcome.Allow, (await Access.CheckAsync(before, Records)).Outcome);
        return (council, group, participant, designated);
    }

    private static CheckRequest Check(string principal, string council, string group, View view = View.Pseudonymous, string subjectRef = "S-1") => new()
    {
        Principal = principal, Action = AccessAction.ReadCase, View = view,
        Resource = new CaseResource { CaseId = "case-" + Guid.NewGuid().ToString("N"), SubjectRef = subjectRef, CouncilId = council, GroupId = group, BodyKind = BodyKind.ClspdGroup },
    };

    private static CheckRequest Bound(string principal, string council, string group, string subjectRef, AccessAction action, View view,
        string[]? agenda = null, string[]? measures = null, long minRegistry = 0, long minConsent = 0)
    {
        var request = Check(principal, council, group, view, subjectRef);
        request.Action = action;
        request.Resource.AgendaMeetingIds.Add(agenda ?? []);
        request.Resource.MeasureRefs.Add(measures ?? []);
        request.MinRegistryRevision = minRegistry;
        request.MinConsentRevision = minConsent;
        return request;
    }

    [Fact]
    public async Task Check_DesignatedMember_AllowedAndAuditedBeforeAnswer_ACC_1_ACC_4()
    {
        var (council, group, subject) = await DesignatedMemberAsync();

        var first = await Access.CheckAsync(Check(subject, council, group), Records);
        var second = await Access.CheckAsync(Check(subject, council, group), Records);

        Assert.Equal(Outcome.Allow, first.Outcome);
        Assert.Equal(View.Pseudonymous, first.View);
        Assert.Contains("ACC-1", first.RuleIds);
        Assert.True(first.AuditSequence > 0);
        Assert.Equal(first.AuditSequence + 1, second.AuditSequence);
        Assert.Equal(64, first.AuditEntryHash.Length);
    }

    [Fact]
    public async Task Check_ParticipantOfAnotherGroup_DeniedAndAudited_ACC_1_ACC_5()
    {
        var (council, _, subject) = await DesignatedMemberAsync();

        var decision = await Access.CheckAsync(Check(subject, council, "another-group"), Records);

        Assert.Equal(Outcome.Deny, decision.Outcome);
        Assert.Equal(["ACC-1"], decision.RuleIds);
        Assert.Contains("designation", decision.Reason, StringComparison.Ordinal);
        Assert.True(decision.AuditSequence > 0);
    }

    [Fact]
    public async Task Check_NamedView_AfterInformingAndConsent_Allowed_ACC_3()
    {
        var (council, group, subject) = await DesignatedMemberAsync();
        var subjectRef = "S-" + NewId();
        Assert.Equal(Outcome.Deny, (await Access.CheckAsync(Check(subject, council, group, View.Named, subjectRef), Records)).Outcome);

        await Commune.SubjectAsync(subjectRef, group);
        var given = await Commune.NamedDiscussionAsync(subjectRef, group, await Commune.NoticeAsync(council));
        var request = Check(subject, council, group, View.Named, subjectRef);
        request.MinConsentRevision = given;

        var decision = await Access.CheckAsync(request, Records);
        Assert.Equal(Outcome.Allow, decision.Outcome);
        Assert.Equal(View.Named, decision.View);
    }

    [Fact]
    public async Task Check_AfterAcknowledgedWithdrawals_NeverAllowsNamedView_CON_4_ACC_3()
    {
        var (council, group, subject) = await DesignatedMemberAsync();
        var notice = await Commune.NoticeAsync(council);
        for (var i = 0; i < 5; i++)
        {
            var subjectRef = "S-" + NewId();
            await Commune.SubjectAsync(subjectRef, group);
            var given = await Commune.NamedDiscussionAsync(subjectRef, group, notice);
            var allowed = Check(subject, council, group, View.Named, subjectRef);
            allowed.MinConsentRevision = given;
            Assert.Equal(Outcome.Allow, (await Access.CheckAsync(allowed, Records)).Outcome);

            var withdrawn = await Commune.WithdrawNamedDiscussionAsync(subjectRef, group);
            var after = Check(subject, council, group, View.Named, subjectRef);
            after.MinConsentRevision = withdrawn;
            var decision = await Access.CheckAsync(after, Records);

            Assert.Equal(Outcome.Deny, decision.Outcome);
            Assert.Contains("ACC-3", decision.RuleIds);
        }
    }

    [Fact]
    public async Task Check_AfterAcknowledgedRevocation_Denied_ACC_1_REG_5()
    {
        var (council, group, participant, designated) = await AllowedMemberAsync();

        var revoked = await Commune.Registry.RevokeDesignationAsync(new RevokeDesignationRequest { RequestId = NewId(), DesignationId = designated.Designation.Id, Reason = "fin de mission" }, Admin);
        var after = Check(participant.Subjects[0], council.Id, group.Id);
        after.MinRegistryRevision = revoked.Revision;
        var decision = await Access.CheckAsync(after, Records);

        Assert.Equal(Outcome.Deny, decision.Outcome);
        // The view's deny (ACC-1) is confirmed with the registry, which lists only designations in
        // force: the ended one still names the revocation.
        Assert.Equal(["ACC-1"], decision.RuleIds);
        Assert.Equal($"your designation as member of the case's group was revoked on {Utc(revoked.Designation.RevokedAt)}: no access until a new mayor's order designates you again", decision.Reason);
    }

    [Fact]
    public async Task Check_AfterExclusionForBreach_DeniedNamingTheExclusionAndWhen_REG_5()
    {
        var (council, group, participant, _) = await AllowedMemberAsync();

        var excluded = await Commune.Registry.RecordConfidentialityBreachAsync(new RecordConfidentialityBreachRequest
        {
            RequestId = NewId(), CouncilId = council.Id, ParticipantId = participant.Id, Reason = "divulgation en dehors du groupe",
        }, Admin);
        var after = Check(participant.Subjects[0], council.Id, group.Id);
        after.MinRegistryRevision = excluded.Revision;
        var decision = await Access.CheckAsync(after, Records);

        Assert.Equal(Outcome.Deny, decision.Outcome);
        Assert.Equal(["REG-5", "ACC-1"], decision.RuleIds);
        Assert.Equal($"your designation as member of the case's group ended on {Utc(excluded.Breach.RecordedAt)}, when you were excluded for a breach of confidentiality (REG-5): "
            + "every designation you held ended then, and only a new mayor's order, dated on or after the exclusion, designates you again", decision.Reason);
    }

    [Fact]
    public async Task Check_NamedView_MunicipalPolice_RegistryMarksItAndAccessDenies_ACC_2_REG_6()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var participant = await Commune.ParticipantAsync(council.Id, InstitutionKind.MunicipalPolice);

        var designated = await Commune.DesignateAsync(participant, group.Id);
        var listed = await Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = participant.Subjects[0] }, Admin);
        var named = Check(participant.Subjects[0], council.Id, group.Id, View.Named);
        named.MinRegistryRevision = designated.Revision;
        var decision = await Access.CheckAsync(named, Records);

        Assert.True(designated.Designation.NonNominative);
        Assert.StartsWith("REG-6:", Assert.Single(designated.Warnings), StringComparison.Ordinal);
        Assert.True(Assert.Single(listed.Designations).NonNominative);
        Assert.Equal(Outcome.Deny, decision.Outcome);
        Assert.Equal(["ACC-2"], decision.RuleIds);
    }

    private static string Utc(Timestamp at) => at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Check_NamedView_ForPoliceParticipant_Denied_ACC_2()
    {
        var (council, group, subject) = await DesignatedMemberAsync(InstitutionKind.Police);

        var decision = await Access.CheckAsync(Check(subject, council, group, View.Named), Records);

        Assert.Equal(Outcome.Deny, decision.Outcome);
        Assert.Equal(["ACC-2"], decision.RuleIds);
    }

    [Fact]
    public async Task Check_ConsentRevisionNotYetKnown_Unavailable_ACC_7()
    {
        var (council, group, subject) = await DesignatedMemberAsync();
        var request = Check(subject, council, group, View.Named);
        request.MinConsentRevision = 1_000_000;

        var ex = await Assert.ThrowsAsync<RpcException>(() => Access.CheckAsync(request, Records).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.StartsWith("ACC-7", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RegistryUnreachable_UnavailableAndNoAllow_ACC_7()
    {
        await using var isolated = stack.CreateAccess(() => new UnreachableHandler(), () => stack.Consent.Server.CreateHandler());
        await isolated.WaitReadyAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new AccessService.AccessServiceClient(isolated.Channel).CheckAsync(Check("alice", "k", "g"), Records).ResponseAsync);
        // A sentence a professional understands — which source, what follows, what to do — and no transport text.
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.StartsWith("ACC-7: the registry service, which holds the designations a decision rests on, could not be reached, so access is denied: try again in a moment (decision ", ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpRequestException", ex.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("connection refused", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AuditStoreUnwritable_Denied_ACC_4()
    {
        var (council, group, subject) = await DesignatedMemberAsync();
        await using var isolated = stack.CreateAccess(() => stack.Registry.Server.CreateHandler(), () => stack.Consent.Server.CreateHandler());
        await isolated.WaitReadyAsync();
        var client = new AccessService.AccessServiceClient(isolated.Channel);
        Assert.Equal(Outcome.Allow, (await client.CheckAsync(Check(subject, council, group), Records)).Outcome);

        var database = isolated.Services.GetRequiredService<Database>();
        await database.WriteAsync(s => s.ExecuteAsync(s.Dialect(
            "CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit store unwritable'); END;",
            "CREATE TRIGGER refuse_audit ON dbo.audit_entries INSTEAD OF INSERT AS THROW 50000, 'audit store unwritable', 1;",
            """
            CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unwritable'; END $$;
            CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_audit();
            """)), TestContext.Current.CancellationToken);

        for (var i = 0; i < 3; i++)
        {
            var decision = await client.CheckAsync(Check(subject, council, group), Records);
            Assert.Equal(Outcome.Deny, decision.Outcome);
            Assert.Equal(["ACC-4"], decision.RuleIds);
            Assert.Equal(0, decision.AuditSequence);
        }
    }

    [Fact]
    public async Task Check_ParticipantAskingForSomeoneElse_PermissionDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Access.CheckAsync(Check("alice", "k", "g"), stack.Issuer.As("bob")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task Check_WithoutToken_Unauthenticated_GW_1()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Access.CheckAsync(Check("alice", "k", "g")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task Check_OccasionalAttendee_CaseOnTheAgendaOnTheMeetingDay_AllowedOtherCaseDenied_ACC_1()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var meeting = await Commune.MeetingAsync(group.Id, Commune.CouncilToday());
        var (attendee, revision) = await Commune.BoundMemberAsync(council.Id, group.Id, Role.OccasionalAttendee, meetingId: meeting.Id);

        var onAgenda = await Access.CheckAsync(Bound(attendee, council.Id, group.Id, "S-1", AccessAction.ReadCase, View.Pseudonymous, [meeting.Id], minRegistry: revision), Records);
        var notOnAgenda = await Access.CheckAsync(Bound(attendee, council.Id, group.Id, "S-2", AccessAction.ReadCase, View.Pseudonymous, ["another-meeting"], minRegistry: revision), Records);
        var write = await Access.CheckAsync(Bound(attendee, council.Id, group.Id, "S-1", AccessAction.WriteCase, View.Pseudonymous, [meeting.Id], minRegistry: revision), Records);

        Assert.Equal((Outcome.Allow, View.Pseudonymous), (onAgenda.Outcome, onAgenda.View));
        Assert.Equal((Outcome.Deny, "ACC-1"), (notOnAgenda.Outcome, notOnAgenda.RuleIds[0]));
        Assert.Contains("agenda", notOnAgenda.Reason, StringComparison.Ordinal);
        Assert.Equal((Outcome.Deny, "ACC-1"), (write.Outcome, write.RuleIds[0]));
        Assert.True(notOnAgenda.AuditSequence > onAgenda.AuditSequence);
    }

    [Fact]
    public async Task Check_OccasionalAttendee_MeetingAnotherDay_DeniedNamingTheDay_ACC_1()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var tomorrow = await Commune.MeetingAsync(group.Id, Commune.CouncilToday().AddDays(1));
        var (attendee, revision) = await Commune.BoundMemberAsync(council.Id, group.Id, Role.OccasionalAttendee, meetingId: tomorrow.Id);

        var decision = await Access.CheckAsync(Bound(attendee, council.Id, group.Id, "S-1", AccessAction.ReadCase, View.Pseudonymous, [tomorrow.Id], minRegistry: revision), Records);

        Assert.Equal((Outcome.Deny, "ACC-1"), (decision.Outcome, decision.RuleIds[0]));
        Assert.Contains("only on the day of that meeting", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MeasureImplementer_MeasureViewOnceInformed_OnlyTheirMeasure_ACC_1_REC_6()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var measure = "M-" + NewId();
        var (implementer, revision) = await Commune.BoundMemberAsync(council.Id, group.Id, Role.MeasureImplementer, measureRef: measure, kind: InstitutionKind.SpecialisedPrevention);
        var subjectRef = "S-" + NewId();
        await Commune.SubjectAsync(subjectRef, group.Id);
        string[] measures = ["M-other", measure];

        var beforeInforming = await Access.CheckAsync(Bound(implementer, council.Id, group.Id, subjectRef, AccessAction.ReadCase, View.MeasureOnly, measures: measures, minRegistry: revision), Records);
        var informed = await Commune.InformAsync(subjectRef, await Commune.NoticeAsync(council.Id));
        var measureView = await Access.CheckAsync(Bound(implementer, council.Id, group.Id, subjectRef, AccessAction.ReadCase, View.MeasureOnly, measures: measures, minConsent: informed), Records);
        var named = await Access.CheckAsync(Bound(implementer, council.Id, group.Id, subjectRef, AccessAction.ReadCase, View.Named, measures: measures, minConsent: informed), Records);
        var otherCase = await Access.CheckAsync(Bound(implementer, council.Id, group.Id, subjectRef, AccessAction.ReadCase, View.MeasureOnly, measures: ["M-other"], minConsent: informed), Records);

        Assert.Equal(["REC-6", "CON-2"], beforeInforming.RuleIds);
        Assert.Equal((Outcome.Allow, View.MeasureOnly), (measureView.Outcome, measureView.View));
        Assert.Equal([measure], measureView.MeasureRefs);
        Assert.Equal(["ACC-1", "REC-6"], named.RuleIds);
        Assert.Equal(Outcome.Deny, named.Outcome);
        Assert.Equal((Outcome.Deny, "ACC-1"), (otherCase.Outcome, otherCase.RuleIds[0]));
    }

    [Fact]
    public async Task Check_ProgrammeAction_AllowedOnlyWhileEnrolmentConsented_ACC_3_CON_4()
    {
        var (council, group, subject) = await DesignatedMemberAsync();
        var subjectRef = "S-" + NewId();
        await Commune.SubjectAsync(subjectRef, group);

        var notAsked = await Access.CheckAsync(Bound(subject, council, group, subjectRef, AccessAction.ProgrammeAction, View.Pseudonymous), Records);
        var given = await Commune.ProgrammeEnrolmentAsync(subjectRef, await Commune.NoticeAsync(council));
        var allowed = await Access.CheckAsync(Bound(subject, council, group, subjectRef, AccessAction.ProgrammeAction, View.Pseudonymous, minConsent: given), Records);
        var withdrawn = await Commune.WithdrawProgrammeEnrolmentAsync(subjectRef);
        var after = await Access.CheckAsync(Bound(subject, council, group, subjectRef, AccessAction.ProgrammeAction, View.Pseudonymous, minConsent: withdrawn), Records);

        Assert.Equal(["ACC-3", "CON-3"], notAsked.RuleIds);
        Assert.Equal(Outcome.Allow, allowed.Outcome);
        Assert.Equal(["ACC-3", "ACC-1"], allowed.RuleIds);
        Assert.Equal(Outcome.Deny, after.Outcome);
        Assert.Equal(["ACC-3", "CON-4"], after.RuleIds);
    }

    [Fact]
    public async Task Check_WithoutBodyKind_InvalidArgumentNamingIt_REC_8()
    {
        var request = Check("alice", "k", "g");
        request.Resource.BodyKind = BodyKind.Unspecified;

        var ex = await Assert.ThrowsAsync<RpcException>(() => Access.CheckAsync(request, Records).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("resource.body_kind", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchCheck_ItemWithoutBodyKind_InvalidArgumentNamingTheItem_REC_8()
    {
        var good = Check("alice", "k", "g");
        var bad = Check("alice", "k", "g");
        bad.Resource.BodyKind = BodyKind.Unspecified;

        var ex = await Assert.ThrowsAsync<RpcException>(() => Access.BatchCheckAsync(new BatchCheckRequest
        {
            Items = { new BatchCheckItem { CorrelationId = "a", Check = good }, new BatchCheckItem { CorrelationId = "b", Check = bad } },
        }, Records).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("items[1].check.resource.body_kind", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingResource_InvalidArgumentNamingFields()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Access.CheckAsync(new CheckRequest { Principal = "alice", Action = AccessAction.ReadCase }, Records).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("resource.case_id", ex.Status.Detail, StringComparison.Ordinal);
    }

    private static CheckRequest SubjectFile(string principal, string council, string subjectRef, string justification = "SubjectAccessRequest") => new()
    {
        Principal = principal, Action = AccessAction.ExportSubjectFile, View = View.Named, Justification = justification,
        Resource = new CaseResource { SubjectRef = subjectRef, CouncilId = council },
    };

    [Fact]
    public async Task Check_SubjectFileExport_CoordinatorAllowedMemberDenied_BothAuditedWithSubjectAndCouncil_REC_10_ACC_4()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var (coordinator, _) = await Commune.MemberAsync(council.Id, group.Id, role: Role.Coordinator);
        var (member, _) = await Commune.MemberAsync(council.Id, group.Id);
        var subjectRef = "S-" + NewId();

        var allowed = await Access.CheckAsync(SubjectFile(coordinator, council.Id, subjectRef), Records);
        var denied = await Access.CheckAsync(SubjectFile(member, council.Id, subjectRef), Records);
        var trail = await new AuditService.AuditServiceClient(stack.Access.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { SubjectRef = subjectRef }, Admin);

        Assert.Equal((Outcome.Allow, View.Named), (allowed.Outcome, allowed.View));
        Assert.Equal(["REC-10", "ACC-1"], allowed.RuleIds);
        Assert.Equal(Outcome.Deny, denied.Outcome);
        Assert.Equal(["REC-10", "ACC-1"], denied.RuleIds);
        Assert.Contains("coordinator", denied.Reason, StringComparison.Ordinal);
        Assert.Equal([(allowed.DecisionId, coordinator, Outcome.Allow), (denied.DecisionId, member, Outcome.Deny)],
            trail.Entries.Select(e => (e.DecisionId, e.Principal, e.Outcome)));
        Assert.All(trail.Entries, e =>
        {
            Assert.Equal(AccessAction.ExportSubjectFile, e.Action);
            Assert.Equal((subjectRef, council.Id, "", ""), (e.Resource.SubjectRef, e.Resource.CouncilId, e.Resource.CaseId, e.Resource.GroupId));
            Assert.Equal(View.Named, e.View);
        });
    }

    [Fact]
    public async Task Check_SubjectFileExport_WithoutReason_DeniedNamingREC10_REC_10_ACC_5()
    {
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var (coordinator, _) = await Commune.MemberAsync(council.Id, group.Id, role: Role.Coordinator);

        var decision = await Access.CheckAsync(SubjectFile(coordinator, council.Id, "S-" + NewId(), justification: ""), Records);

        Assert.Equal(Outcome.Deny, decision.Outcome);
        Assert.Equal(["REC-10"], decision.RuleIds);
        Assert.Contains("stated reason", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resource.case_id", "case-1", "", BodyKind.Unspecified, "k")]
    [InlineData("resource.group_id", "", "g", BodyKind.Unspecified, "k")]
    [InlineData("resource.body_kind", "", "", BodyKind.ClspdGroup, "k")]
    [InlineData("resource.council_id", "", "", BodyKind.Unspecified, "")]
    public async Task Check_SubjectFileExport_ResourceNotAPersonOfACouncil_InvalidArgumentNamingTheField_REC_10(string field, string caseId, string groupId, BodyKind body, string council)
    {
        var request = SubjectFile("alice", council, "S-1");
        request.Resource.CaseId = caseId;
        request.Resource.GroupId = groupId;
        request.Resource.BodyKind = body;

        var ex = await Assert.ThrowsAsync<RpcException>(() => Access.CheckAsync(request, Records).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(field, ex.Status.Detail, StringComparison.Ordinal);
    }

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("connection refused");
    }
}
