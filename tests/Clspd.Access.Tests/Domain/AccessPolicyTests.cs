using Clspd.Access.Domain;
using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Tests.Domain;

/// <summary>The need-to-know policy, table-driven: role × institution kind × validity × consent × view.</summary>
public sealed class AccessPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private const string Council = "council-1";
    private const string Group = "group-1";
    private const string Case = "case-1";

    private static DesignationFact D(Role role, InstitutionKind kind = InstitutionKind.SpecialisedPrevention, string council = Council,
        string group = Group, string caseRef = "", int fromDays = -30, int toDays = 300, int? revokedDays = null, bool charterOk = true) =>
        new(role, council, group, kind, caseRef, Now.AddDays(fromDays), Now.AddDays(toDays), revokedDays is null ? null : Now.AddDays(revokedDays.Value), charterOk);

    private static AccessFacts Facts(View view, bool informed, bool permitted, params DesignationFact[] designations) =>
        new("alice", true, designations, AccessAction.ReadCase, view, Case, Council, Group, informed, permitted, Now);

    public static TheoryData<string, DesignationFact, View, bool, bool, Outcome, string> Cases() => new()
    {
        // name, designation, view asked, informed, consent, expected outcome, first rule id
        { "group member, pseudonymous", D(Role.GroupMember), View.Pseudonymous, false, false, Outcome.Allow, "ACC-1" },
        { "group member, named with consent", D(Role.GroupMember), View.Named, true, true, Outcome.Allow, "ACC-1" },
        { "group member, named without consent", D(Role.GroupMember), View.Named, true, false, Outcome.Deny, "ACC-3" },
        { "group member, named without informing", D(Role.GroupMember), View.Named, false, true, Outcome.Deny, "ACC-3" },
        { "member of another group", D(Role.GroupMember, group: "group-2"), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "coordinator of the council", D(Role.Coordinator, group: "group-2"), View.Named, true, true, Outcome.Allow, "ACC-1" },
        { "coordinator of another council", D(Role.Coordinator, council: "council-2", group: "group-9"), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "coordination team", D(Role.CoordinationTeam, group: "group-2"), View.Pseudonymous, false, false, Outcome.Allow, "ACC-1" },
        { "path referent of the case", D(Role.PathReferent, group: "group-2", caseRef: Case), View.Named, true, true, Outcome.Allow, "ACC-1" },
        { "path referent of another case", D(Role.PathReferent, group: "group-2", caseRef: "case-9"), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "designation not yet valid", D(Role.GroupMember, fromDays: 1), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "designation expired", D(Role.GroupMember, fromDays: -300, toDays: -1), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "designation ends exactly now", D(Role.GroupMember, fromDays: -300, toDays: 0), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "designation revoked", D(Role.GroupMember, revokedDays: -1), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "police member, pseudonymous", D(Role.GroupMember, InstitutionKind.Police), View.Pseudonymous, true, true, Outcome.Allow, "ACC-1" },
        { "police member, named", D(Role.GroupMember, InstitutionKind.Police), View.Named, true, true, Outcome.Deny, "ACC-2" },
        { "gendarmerie, named", D(Role.GroupMember, InstitutionKind.Gendarmerie), View.Named, true, true, Outcome.Deny, "ACC-2" },
        { "municipal service not in charge, named", D(Role.GroupMember, InstitutionKind.MunicipalServiceNotInCharge), View.Named, true, true, Outcome.Deny, "ACC-2" },
        { "police coordinator, named", D(Role.Coordinator, InstitutionKind.Police), View.Named, true, true, Outcome.Deny, "ACC-2" },
        { "social services member, named", D(Role.GroupMember, InstitutionKind.DepartmentSocialServices), View.Named, true, true, Outcome.Allow, "ACC-1" },
        { "charter not accepted, pseudonymous", D(Role.GroupMember, charterOk: false), View.Pseudonymous, true, true, Outcome.Deny, "REG-3" },
        { "charter not accepted, named", D(Role.GroupMember, charterOk: false), View.Named, true, true, Outcome.Deny, "REG-3" },
        { "occasional attendee (not on agenda)", D(Role.OccasionalAttendee), View.Pseudonymous, true, true, Outcome.Deny, "ACC-1" },
        { "measure implementer", D(Role.MeasureImplementer), View.Named, true, true, Outcome.Deny, "ACC-1" },
    };

    [Theory]
    [InlineData("member of another group", Role.GroupMember, "council-1", "group-2", View.Pseudonymous, true)]
    [InlineData("coordinator of another council", Role.Coordinator, "council-2", "group-9", View.Pseudonymous, true)]
    [InlineData("expired designation", Role.GroupMember, "council-1", "group-1", View.Pseudonymous, true)]
    [InlineData("group member, named without consent", Role.GroupMember, "council-1", "group-1", View.Named, false)]
    [InlineData("group member, pseudonymous (allowed)", Role.GroupMember, "council-1", "group-1", View.Pseudonymous, false)]
    public void Decide_NoDesignationReachesTheCase_MarkedNoNeedToKnow_ACC_1(string name, Role role, string council, string group, View view, bool hidden)
    {
        var designation = name == "expired designation" ? D(role, council: council, group: group, fromDays: -300, toDays: -1) : D(role, council: council, group: group);

        var decision = AccessPolicy.Decide(Facts(view, informed: true, permitted: false, designation));

        Assert.True(hidden == decision.NoNeedToKnow, $"{name}: expected NoNeedToKnow {hidden} ({decision.Reason})");
        Assert.True(AccessPolicy.Decide(new AccessFacts("nobody", false, [], AccessAction.ReadCase, View.Pseudonymous, Case, Council, Group, false, false, Now)).NoNeedToKnow);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decide_Table_ACC_1_ACC_2_ACC_3(string name, DesignationFact designation, View view, bool informed, bool permitted, Outcome outcome, string rule)
    {
        var decision = AccessPolicy.Decide(Facts(view, informed, permitted, designation));

        Assert.True(outcome == decision.Outcome, $"{name}: expected {outcome}, got {decision.Outcome} ({decision.Reason})");
        Assert.Equal(rule, decision.RuleIds[0]);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        Assert.Equal(outcome == Outcome.Allow ? view : View.Unspecified, decision.View);
    }

    public static TheoryData<string, DesignationFact, BodyKind, AccessAction, string, Outcome, string> WallCases() => new()
    {
        // name, designation (group kind = its side of the wall), body of the case, action, justification, outcome, first rule id
        { "CDDF member, CLSPD-group case", D(Role.GroupMember) with { GroupKind = GroupKind.Cddf }, BodyKind.ClspdGroup, AccessAction.ReadCase, "", Outcome.Deny, "REC-8" },
        { "CLSPD group member, CDDF case", D(Role.GroupMember) with { GroupKind = GroupKind.Operational }, BodyKind.Cddf, AccessAction.ReadCase, "", Outcome.Deny, "REC-8" },
        { "CDDF member, CDDF case", D(Role.GroupMember) with { GroupKind = GroupKind.Cddf }, BodyKind.Cddf, AccessAction.ReadCase, "", Outcome.Allow, "ACC-1" },
        { "territorial member, CLSPD-group case", D(Role.GroupMember) with { GroupKind = GroupKind.Territorial }, BodyKind.ClspdGroup, AccessAction.WriteCase, "", Outcome.Allow, "ACC-1" },
        { "coordination team of the CLSPD, CDDF case", D(Role.CoordinationTeam, group: "group-2") with { GroupKind = GroupKind.Operational }, BodyKind.Cddf, AccessAction.ReadCase, "", Outcome.Deny, "REC-8" },
        { "coordination team of the CDDF, CLSPD-group case", D(Role.CoordinationTeam, group: "group-2") with { GroupKind = GroupKind.Cddf }, BodyKind.ClspdGroup, AccessAction.ReadCase, "", Outcome.Deny, "REC-8" },
        { "path referent designated in the CLSPD, CDDF case", D(Role.PathReferent, group: "group-2", caseRef: Case) with { GroupKind = GroupKind.Thematic }, BodyKind.Cddf, AccessAction.ReadCase, "", Outcome.Deny, "REC-8" },
        { "coordinator, CDDF case", D(Role.Coordinator, group: "group-2") with { GroupKind = GroupKind.Operational }, BodyKind.Cddf, AccessAction.ReadCase, "", Outcome.Allow, "ACC-1" },
        { "body unknown (older caller)", D(Role.GroupMember) with { GroupKind = GroupKind.Cddf }, BodyKind.Unspecified, AccessAction.ReadCase, "", Outcome.Allow, "ACC-1" },
        { "coordinator moves with a reason", D(Role.Coordinator, group: "group-2") with { GroupKind = GroupKind.Operational }, BodyKind.ClspdGroup, AccessAction.MoveCase, "FamilyResponsibility", Outcome.Allow, "REC-8" },
        { "coordinator moves without a reason", D(Role.Coordinator, group: "group-2"), BodyKind.ClspdGroup, AccessAction.MoveCase, "", Outcome.Deny, "REC-8" },
        { "group member moves", D(Role.GroupMember) with { GroupKind = GroupKind.Operational }, BodyKind.ClspdGroup, AccessAction.MoveCase, "FamilyResponsibility", Outcome.Deny, "REC-8" },
        { "coordination team moves", D(Role.CoordinationTeam, group: "group-2"), BodyKind.ClspdGroup, AccessAction.MoveCase, "FamilyResponsibility", Outcome.Deny, "REC-8" },
    };

    [Theory]
    [MemberData(nameof(WallCases))]
    public void Decide_BodyWall_REC_8(string name, DesignationFact designation, BodyKind body, AccessAction action, string justification, Outcome outcome, string rule)
    {
        var decision = AccessPolicy.Decide(new AccessFacts("alice", true, [designation], action, View.Pseudonymous, Case, Council, Group, false, false, Now, justification, body));

        Assert.True(outcome == decision.Outcome, $"{name}: expected {outcome}, got {decision.Outcome} ({decision.Reason})");
        Assert.Equal(rule, decision.RuleIds[0]);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    public static TheoryData<string, DesignationFact, AccessAction, string, Outcome, string> SubjectRightsCases() => new()
    {
        { "coordinator exports with a reason", D(Role.Coordinator, group: "group-2"), AccessAction.ExportCase, "SubjectAccessRequest", Outcome.Allow, "REC-10" },
        { "coordinator exports without a reason", D(Role.Coordinator, group: "group-2"), AccessAction.ExportCase, "", Outcome.Deny, "REC-10" },
        { "group member exports", D(Role.GroupMember), AccessAction.ExportCase, "SubjectAccessRequest", Outcome.Deny, "REC-10" },
        { "coordination team exports", D(Role.CoordinationTeam, group: "group-2"), AccessAction.ExportCase, "SupervisoryControl", Outcome.Deny, "REC-10" },
        { "police coordinator exports", D(Role.Coordinator, InstitutionKind.Police, group: "group-2"), AccessAction.ExportCase, "SupervisoryControl", Outcome.Deny, "ACC-2" },
        { "coordinator rectifies with a reason", D(Role.Coordinator, group: "group-2"), AccessAction.RectifyIdentity, "RectificationRequest", Outcome.Allow, "REC-10" },
        { "path referent rectifies", D(Role.PathReferent, group: "group-2", caseRef: Case), AccessAction.RectifyIdentity, "RectificationRequest", Outcome.Deny, "REC-10" },
        { "coordinator of another council exports", D(Role.Coordinator, council: "council-2", group: "group-9"), AccessAction.ExportCase, "SubjectAccessRequest", Outcome.Deny, "ACC-1" },
    };

    [Theory]
    [MemberData(nameof(SubjectRightsCases))]
    public void Decide_ExportAndRectification_CoordinatorWithReasonOnly_REC_10(string name, DesignationFact designation, AccessAction action, string justification, Outcome outcome, string rule)
    {
        var decision = AccessPolicy.Decide(new AccessFacts("alice", true, [designation], action, View.Named, Case, Council, Group, false, false, Now, justification, BodyKind.ClspdGroup));

        Assert.True(outcome == decision.Outcome, $"{name}: expected {outcome}, got {decision.Outcome} ({decision.Reason})");
        Assert.Equal(rule, decision.RuleIds[0]);
        Assert.Equal(outcome == Outcome.Allow ? View.Named : View.Unspecified, decision.View);
    }

    public static TheoryData<string, DesignationFact, string, Outcome, string[]> SubjectFileCases() => new()
    {
        // name, designation, justification, outcome, rule ids — the resource names a person and a council, no case
        { "coordinator with a reason", D(Role.Coordinator, group: "group-2") with { GroupKind = GroupKind.Cddf }, "SubjectAccessRequest", Outcome.Allow, ["REC-10", "ACC-1"] },
        { "coordinator without a reason", D(Role.Coordinator, group: "group-2"), " ", Outcome.Deny, ["REC-10"] },
        { "coordinator of another council", D(Role.Coordinator, council: "council-2", group: "group-9"), "SubjectAccessRequest", Outcome.Deny, ["REC-10", "ACC-1"] },
        { "coordinator whose designation was revoked", D(Role.Coordinator, revokedDays: -1), "SubjectAccessRequest", Outcome.Deny, ["REC-10", "ACC-1"] },
        { "coordinator, charter not accepted", D(Role.Coordinator, charterOk: false), "SubjectAccessRequest", Outcome.Deny, ["REG-3", "ACC-2"] },
        { "police coordinator", D(Role.Coordinator, InstitutionKind.Police), "SubjectAccessRequest", Outcome.Deny, ["ACC-2"] },
        { "coordination team", D(Role.CoordinationTeam, group: "group-2"), "SubjectAccessRequest", Outcome.Deny, ["REC-10", "ACC-1"] },
        { "group member", D(Role.GroupMember), "SubjectAccessRequest", Outcome.Deny, ["REC-10", "ACC-1"] },
        { "path referent", D(Role.PathReferent, caseRef: Case), "SubjectAccessRequest", Outcome.Deny, ["REC-10", "ACC-1"] },
        { "measure implementer", D(Role.MeasureImplementer), "SubjectAccessRequest", Outcome.Deny, ["REC-10", "ACC-1"] },
    };

    [Theory]
    [MemberData(nameof(SubjectFileCases))]
    public void Decide_SubjectFileExport_CoordinatorOfTheCouncilWithReasonOnly_REC_10_ACC_4(string name, DesignationFact designation, string justification, Outcome outcome, string[] rules)
    {
        var decision = AccessPolicy.Decide(new AccessFacts("alice", true, [designation], AccessAction.ExportSubjectFile, View.Named, "", Council, "", false, false, Now, justification));

        Assert.True(outcome == decision.Outcome, $"{name}: expected {outcome}, got {decision.Outcome} ({decision.Reason})");
        Assert.Equal(rules, decision.RuleIds);
        Assert.Equal(outcome == Outcome.Allow ? View.Named : View.Unspecified, decision.View);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void Decide_WalledReadDeny_IsPrebuilt_REC_8()
    {
        var facts = new AccessFacts("alice", true, [D(Role.GroupMember) with { GroupKind = GroupKind.Cddf }], AccessAction.ReadCase, View.Pseudonymous,
            Case, Council, Group, false, false, Now, "", BodyKind.ClspdGroup);

        Assert.Same(AccessPolicy.Decide(facts), AccessPolicy.Decide(facts));
    }

    [Fact]
    public void Decide_UnknownPrincipal_Deny_ACC_1()
    {
        var decision = AccessPolicy.Decide(new AccessFacts("nobody", false, [], AccessAction.ReadCase, View.Pseudonymous, Case, Council, Group, true, true, Now));
        Assert.Equal((Outcome.Deny, "ACC-1"), (decision.Outcome, decision.RuleIds[0]));
    }

    [Fact]
    public void Decide_SeveralDesignations_MostSpecificRoleReported_ACC_1()
    {
        var decision = AccessPolicy.Decide(Facts(View.Pseudonymous, false, false, D(Role.GroupMember), D(Role.PathReferent, caseRef: Case)));
        Assert.Equal(Role.PathReferent, decision.Role);
    }

    [Fact]
    public void Decide_EveryDeny_ExplainsItself_ACC_5()
    {
        foreach (var row in Cases())
        {
            var data = ((ITheoryDataRow)row).GetData();
            var (designation, view, informed, permitted) = ((DesignationFact)data[1]!, (View)data[2]!, (bool)data[3]!, (bool)data[4]!);
            var decision = AccessPolicy.Decide(Facts(view, informed, permitted, designation));
            if (decision.Outcome == Outcome.Deny)
            {
                Assert.NotEmpty(decision.RuleIds);
                Assert.True(decision.Reason.Length > 40, decision.Reason);
            }
        }
    }

    public static TheoryData<string, DesignationFact, string, Outcome, string> ArchivedOpenings() => new()
    {
        // name, designation, justification, expected outcome, first rule id
        { "coordinator with a reason", D(Role.Coordinator, group: "group-2"), "SUBJECT_ACCESS_REQUEST", Outcome.Allow, "REC-7" },
        { "coordinator without a reason", D(Role.Coordinator, group: "group-2"), "", Outcome.Deny, "REC-7" },
        { "group member of the case's group", D(Role.GroupMember), "LEGAL_CLAIM", Outcome.Deny, "REC-7" },
        { "coordination team", D(Role.CoordinationTeam, group: "group-2"), "LEGAL_CLAIM", Outcome.Deny, "REC-7" },
        { "coordinator of another council", D(Role.Coordinator, council: "council-2", group: "group-9"), "LEGAL_CLAIM", Outcome.Deny, "ACC-1" },
        { "coordinator, charter not accepted", D(Role.Coordinator, charterOk: false), "LEGAL_CLAIM", Outcome.Deny, "REG-3" },
    };

    [Theory]
    [MemberData(nameof(ArchivedOpenings))]
    public void Decide_OpenArchivedCase_CoordinatorWithReasonOnly_REC_7(string name, DesignationFact designation, string justification, Outcome outcome, string rule)
    {
        var decision = AccessPolicy.Decide(new AccessFacts("alice", true, [designation], AccessAction.OpenArchivedCase, View.Named, Case, Council, Group, false, false, Now, justification));

        Assert.True(outcome == decision.Outcome, $"{name}: expected {outcome}, got {decision.Outcome} ({decision.Reason})");
        Assert.Equal(rule, decision.RuleIds[0]);
        if (outcome == Outcome.Allow)
        {
            Assert.Contains(justification, decision.Reason, StringComparison.Ordinal);
        }
    }

    private static readonly DateOnly Today = new(2026, 11, 29);

    private static DesignationFact Attendee(DateOnly? day = null, string meeting = "meeting-1", InstitutionKind kind = InstitutionKind.NationalEducation) =>
        D(Role.OccasionalAttendee, kind) with { MeetingId = meeting, MeetingDate = day ?? Today };

    private static DesignationFact Implementer(string measure = "M-1", InstitutionKind kind = InstitutionKind.SpecialisedPrevention) =>
        D(Role.MeasureImplementer, kind, group: "group-2") with { MeasureRef = measure };

    private static AccessFacts Bound(AccessAction action, View view, DesignationFact designation, DateOnly? day = null, string justification = "",
        ConsentState programme = ConsentState.Unspecified, bool informed = true, bool permitted = true, params string[] measures) =>
        new("alice", true, [designation], action, view, Case, Council, Group, informed, permitted, Now, justification, BodyKind.ClspdGroup,
            ["meeting-0", "meeting-1"], measures.Length == 0 ? ["M-1"] : measures, day ?? Today, programme);

    public static TheoryData<string, AccessFacts, Outcome, string, string> BoundRoleCases() => new()
    {
        // name, facts, expected outcome, first rule id, a word the sentence must contain
        { "attendee on the meeting's day", Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee()), Outcome.Allow, "ACC-1", "occasional attendee" },
        { "attendee on the meeting's day, named with consent", Bound(AccessAction.ReadCase, View.Named, Attendee()), Outcome.Allow, "ACC-1", "named view" },
        { "attendee on the meeting's day, named without consent", Bound(AccessAction.ReadCase, View.Named, Attendee(), permitted: false), Outcome.Deny, "ACC-3", "consent" },
        { "police attendee, named", Bound(AccessAction.ReadCase, View.Named, Attendee(kind: InstitutionKind.Police)), Outcome.Deny, "ACC-2", "nominative" },
        { "attendee the day after", Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee(Today.AddDays(-1))), Outcome.Deny, "ACC-1", "day" },
        { "attendee the day before", Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee(Today.AddDays(1))), Outcome.Deny, "ACC-1", "day" },
        { "attendee, council day unknown", Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee(), day: default(DateOnly)) with { CouncilDay = default }, Outcome.Deny, "ACC-1", "day" },
        { "attendee of a meeting without the case", Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee(meeting: "meeting-7")), Outcome.Deny, "ACC-1", "agenda" },
        { "attendee writes", Bound(AccessAction.WriteCase, View.Pseudonymous, Attendee()), Outcome.Deny, "ACC-1", "never change" },
        { "attendee closes the meeting", Bound(AccessAction.CloseMeeting, View.Pseudonymous, Attendee(), justification: "meeting-1"), Outcome.Deny, "ACC-1", "never change" },
        { "implementer, measure view", Bound(AccessAction.ReadCase, View.MeasureOnly, Implementer()), Outcome.Allow, "ACC-1", "contact data" },
        { "implementer, measure view, person not informed", Bound(AccessAction.ReadCase, View.MeasureOnly, Implementer(), informed: false), Outcome.Deny, "REC-6", "informed" },
        { "police implementer, measure view", Bound(AccessAction.ReadCase, View.MeasureOnly, Implementer(kind: InstitutionKind.Police)), Outcome.Deny, "ACC-2", "nominative" },
        { "implementer asks the pseudonymous view", Bound(AccessAction.ReadCase, View.Pseudonymous, Implementer()), Outcome.Deny, "ACC-1", "measure view" },
        { "implementer asks the named view", Bound(AccessAction.ReadCase, View.Named, Implementer()), Outcome.Deny, "ACC-1", "measure view" },
        { "implementer of another measure", Bound(AccessAction.ReadCase, View.MeasureOnly, Implementer("M-9")), Outcome.Deny, "ACC-1", "your own measure" },
        { "implementer writes", Bound(AccessAction.WriteCase, View.MeasureOnly, Implementer()), Outcome.Deny, "ACC-1", "never change" },
        { "group member asks the measure view", Bound(AccessAction.ReadCase, View.MeasureOnly, D(Role.GroupMember)), Outcome.Deny, "ACC-1", "measure view" },
        { "coordinator asks the measure view", Bound(AccessAction.ReadCase, View.MeasureOnly, D(Role.Coordinator)), Outcome.Deny, "ACC-1", "measure view" },
        { "programme action, consent given", Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.GroupMember), programme: ConsentState.Permitted), Outcome.Allow, "ACC-3", "consented" },
        { "programme action by the path referent", Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.PathReferent, group: "group-2", caseRef: Case), programme: ConsentState.Permitted), Outcome.Allow, "ACC-3", "path referent" },
        { "programme action, consent refused", Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.GroupMember), programme: ConsentState.Refused), Outcome.Deny, "ACC-3", "refused or withdrawn" },
        { "programme action, consent withdrawn", Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.GroupMember), programme: ConsentState.Withdrawn), Outcome.Deny, "ACC-3", "refused or withdrawn" },
        { "programme action, minor's representatives not all consented", Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.GroupMember), programme: ConsentState.Incomplete), Outcome.Deny, "ACC-3", "legal representative" },
        { "programme action, never asked", Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.Coordinator), programme: ConsentState.NotAsked), Outcome.Deny, "ACC-3", "no consent" },
        { "programme action, member of another group", Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.GroupMember, group: "group-2"), programme: ConsentState.Permitted), Outcome.Deny, "ACC-1", "no valid designation" },
        { "meeting closed by a member of the case's group", Bound(AccessAction.CloseMeeting, View.Pseudonymous, D(Role.GroupMember), justification: "meeting-1"), Outcome.Allow, "REC-9", "meeting-1" },
        { "meeting closed by the coordination team", Bound(AccessAction.CloseMeeting, View.Pseudonymous, D(Role.CoordinationTeam, group: "group-2"), justification: "meeting-1"), Outcome.Allow, "REC-9", "working sheet" },
        { "meeting closed without naming it", Bound(AccessAction.CloseMeeting, View.Pseudonymous, D(Role.GroupMember)), Outcome.Deny, "REC-9", "names the meeting" },
        { "meeting closed by the path referent", Bound(AccessAction.CloseMeeting, View.Pseudonymous, D(Role.PathReferent, group: "group-2", caseRef: Case), justification: "meeting-1"), Outcome.Deny, "REC-9", "coordination" },
        { "meeting closed by a member of another group", Bound(AccessAction.CloseMeeting, View.Pseudonymous, D(Role.GroupMember, group: "group-2"), justification: "meeting-1"), Outcome.Deny, "ACC-1", "no valid designation" },
    };

    [Theory]
    [MemberData(nameof(BoundRoleCases))]
    public void Decide_AttendeeImplementerProgrammeAndClosing_ACC_1_ACC_3_REC_6_REC_9(string name, AccessFacts facts, Outcome outcome, string rule, string word)
    {
        var decision = AccessPolicy.Decide(facts);

        Assert.True(outcome == decision.Outcome, $"{name}: expected {outcome}, got {decision.Outcome} ({string.Join(",", decision.RuleIds)}: {decision.Reason})");
        Assert.Equal(rule, decision.RuleIds[0]);
        Assert.Contains(word, decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refused")]
    [InlineData("withdrawn")]
    public void Decide_ProgrammeActionAfterRefusalOrWithdrawal_NamesConsentRule_ACC_3_CON_4(string what)
    {
        var state = what == "refused" ? ConsentState.Refused : ConsentState.Withdrawn;

        var decision = AccessPolicy.Decide(Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.GroupMember), programme: state));

        Assert.Equal(["ACC-3", "CON-4"], decision.RuleIds);
    }

    [Fact]
    public void Decide_ImplementerOfTwoMeasuresOfTheCase_BothShownNoOther_ACC_1()
    {
        var facts = Bound(AccessAction.ReadCase, View.MeasureOnly, Implementer("M-1"), measures: ["M-1", "M-2", "M-3"])
            with { Designations = [Implementer("M-1"), Implementer("M-3"), Implementer("M-7"), Implementer("M-2") with { RevokedAt = Now.AddHours(-1) }] };

        var decision = AccessPolicy.Decide(facts);

        Assert.Equal(Outcome.Allow, decision.Outcome);
        Assert.Equal(["M-1", "M-3"], decision.MeasureRefs);
    }

    [Fact]
    public void Decide_AttendeeAndImplementerOfTheSameCase_EachViewByItsDesignation_ACC_1()
    {
        var both = Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee()) with { Designations = [Attendee(), Implementer()] };

        var pseudonymous = AccessPolicy.Decide(both);
        var measure = AccessPolicy.Decide(both with { View = View.MeasureOnly });

        Assert.Equal((Outcome.Allow, Role.OccasionalAttendee), (pseudonymous.Outcome, pseudonymous.Role));
        Assert.Equal((Outcome.Allow, Role.MeasureImplementer, View.MeasureOnly), (measure.Outcome, measure.Role, measure.View));
    }

    [Fact]
    public void DayOf_LateEveningUtc_IsNextDayInParis_ACC_1()
    {
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

        Assert.Equal(new DateOnly(2026, 12, 3), CouncilTime.DayOf(new DateTimeOffset(2026, 12, 2, 23, 30, 0, TimeSpan.Zero), paris));
        Assert.Equal(new DateOnly(2026, 12, 2), CouncilTime.DayOf(new DateTimeOffset(2026, 12, 2, 22, 59, 0, TimeSpan.Zero), paris));
        Assert.Equal(new DateOnly(2026, 7, 1), CouncilTime.DayOf(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), paris));
    }

    public static TheoryData<string, DesignationFact[], string[], string> EndedCases() => new()
    {
        // name, designations, rule ids, sentence
        {
            "excluded for a breach", [D(Role.GroupMember, revokedDays: -2) with { BreachId = "breach-1" }], ["REG-5", "ACC-1"],
            "your designation as member of the case's group ended on 2026-11-27 10:00 UTC, when you were excluded for a breach of confidentiality (REG-5): every designation you held ended then, and only a new mayor's order, dated on or after the exclusion, designates you again"
        },
        {
            "revoked", [D(Role.GroupMember, revokedDays: -3)], ["ACC-1"],
            "your designation as member of the case's group was revoked on 2026-11-26 10:00 UTC: no access until a new mayor's order designates you again"
        },
        {
            "expired", [D(Role.Coordinator, group: "group-2", fromDays: -400, toDays: -10)], ["ACC-1"],
            "your designation as coordinator of the council expired on 2026-11-19 10:00 UTC: no access until a new mayor's order designates you again"
        },
        {
            "revoked after it expired: expired", [D(Role.GroupMember, fromDays: -400, toDays: -10, revokedDays: -5)], ["ACC-1"],
            "your designation as member of the case's group expired on 2026-11-19 10:00 UTC: no access until a new mayor's order designates you again"
        },
        {
            "an exclusion outweighs a later expiry",
            [D(Role.GroupMember, toDays: -1), D(Role.PathReferent, group: "group-2", caseRef: Case, revokedDays: -20) with { BreachId = "breach-1" }], ["REG-5", "ACC-1"],
            "your designation as path referent of the case ended on 2026-11-09 10:00 UTC, when you were excluded for a breach of confidentiality (REG-5): every designation you held ended then, and only a new mayor's order, dated on or after the exclusion, designates you again"
        },
        {
            "the latest to end is named", [D(Role.GroupMember, revokedDays: -20), D(Role.CoordinationTeam, group: "group-2", toDays: -2)], ["ACC-1"],
            "your designation as member of the coordination team expired on 2026-11-27 10:00 UTC: no access until a new mayor's order designates you again"
        },
        {
            "an ended designation elsewhere says nothing of this case", [D(Role.GroupMember, group: "group-2", revokedDays: -1) with { BreachId = "breach-1" }], ["ACC-1"],
            "you hold no valid designation giving access to this case: only the council's coordination, the members of the case's group, the case's path referent, an occasional attendee of a meeting whose agenda holds it (on that day) and the implementer of one of its measures may see it, while their designation is valid and not revoked"
        },
    };

    [Theory]
    [MemberData(nameof(EndedCases))]
    public void Decide_DesignationEnded_DenyNamesHowAndSince_REG_5_ACC_1(string name, DesignationFact[] designations, string[] rules, string sentence)
    {
        var decision = AccessPolicy.Decide(Facts(View.Pseudonymous, true, true, designations));

        Assert.True(decision.Outcome == Outcome.Deny, name);
        Assert.Equal(rules, decision.RuleIds);
        Assert.Equal(sentence, decision.Reason);
    }

    [Fact]
    public void Decide_ExcludedCoordinatorExportsSubjectFile_DenyNamesTheExclusion_REG_5()
    {
        var excluded = D(Role.Coordinator, group: "group-2", revokedDays: -1) with { BreachId = "breach-1" };
        var facts = new AccessFacts("alice", true, [excluded], AccessAction.ExportSubjectFile, View.Named, "", Council, "", false, false, Now, Justification: "access request");

        var decision = AccessPolicy.Decide(facts);

        Assert.Equal(Outcome.Deny, decision.Outcome);
        Assert.Equal(["REG-5", "REC-10", "ACC-1"], decision.RuleIds);
        Assert.StartsWith("your designation as coordinator of the council ended on 2026-11-28 10:00 UTC, when you were excluded", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_WarmAttendeeAndProgrammePaths_AllocateNothing_ACC_1_ACC_3()
    {
        var attendee = Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee());
        var programme = Bound(AccessAction.ProgrammeAction, View.Pseudonymous, D(Role.GroupMember), programme: ConsentState.Permitted);
        var otherDay = Bound(AccessAction.ReadCase, View.Pseudonymous, Attendee(Today.AddDays(-1)));
        AccessPolicy.Decide(attendee);
        AccessPolicy.Decide(programme);
        AccessPolicy.Decide(otherDay);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            AccessPolicy.Decide(attendee);
            AccessPolicy.Decide(programme);
            AccessPolicy.Decide(otherDay);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
