using Clspd.Access.Domain;
using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Tests.Domain;

/// <summary>
/// Every role × scope × institution kind × designation validity × charter × consent × view, for
/// reading and for programme actions, each case named after the rule that decides it, against the
/// rules as RULES.md states them: ACC-1 (valid designation giving need-to-know: an occasional
/// attendee only for a case on their meeting's agenda on its day, a measure implementer only for
/// their measure and only in the measure view, read-only both), REG-3 (current charter), ACC-2
/// (never nominative for police, gendarmerie and services not in charge), ACC-3 (informing and
/// consent for the named view; PROGRAMME_ENROLMENT for programme actions, CON-4 on a refusal), REC-6
/// (the measure view needs the person informed).
/// </summary>
public sealed class AccessPolicyMatrixTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static readonly Role[] Roles = [Role.Coordinator, Role.CoordinationTeam, Role.GroupMember, Role.OccasionalAttendee, Role.PathReferent, Role.MeasureImplementer];

    private static readonly InstitutionKind[] Kinds =
    [
        InstitutionKind.DepartmentSocialServices, InstitutionKind.SpecialisedPrevention, InstitutionKind.NationalEducation,
        InstitutionKind.Police, InstitutionKind.Gendarmerie, InstitutionKind.MunicipalPolice, InstitutionKind.MunicipalServiceNotInCharge,
    ];

    private static readonly string[] Validities = ["valid", "expired", "revoked"];

    // consented: informed, named discussion and programme enrolment given; informed-only: informed,
    // no decision; nothing: not even informed; refused: informed, both refused; incomplete: informed,
    // a minor whose legal representatives have not all decided.
    private static readonly string[] Consents = ["consented", "informed-only", "nothing", "refused", "incomplete"];

    private static readonly (AccessAction Action, View View)[] Asks =
    [
        (AccessAction.ReadCase, View.Pseudonymous), (AccessAction.ReadCase, View.Named), (AccessAction.ReadCase, View.MeasureOnly),
        (AccessAction.ProgrammeAction, View.Pseudonymous),
    ];

    public static TheoryData<string, Role, bool, InstitutionKind, string, bool, string, AccessAction, View> Matrix()
    {
        var data = new TheoryData<string, Role, bool, InstitutionKind, string, bool, string, AccessAction, View>();
        foreach (var role in Roles)
        {
            foreach (var inScope in new[] { true, false })
            {
                foreach (var kind in Kinds)
                {
                    foreach (var validity in Validities)
                    {
                        foreach (var charter in new[] { true, false })
                        {
                            foreach (var consent in Consents)
                            {
                                foreach (var (action, view) in Asks)
                                {
                                    var (outcome, rule) = Expected(role, inScope, kind, validity, charter, consent, action, view);
                                    var name = $"{rule}: {role} {(inScope ? "in scope" : "out of scope")}, {kind}, {validity}, charter {(charter ? "ok" : "missing")}, {consent}, {action} {view} → {outcome}";
                                    data.Add(name, role, inScope, kind, validity, charter, consent, action, view);
                                }
                            }
                        }
                    }
                }
            }
        }

        return data;
    }

    /// <summary>The rules as written, independent of how the policy is coded.</summary>
    private static (Outcome Outcome, string Rule) Expected(Role role, bool inScope, InstitutionKind kind, string validity, bool charter, string consent, AccessAction action, View view)
    {
        // In scope: the council (coordination), the case's group (member), the case (referent), the
        // meeting whose agenda holds the case, on its day (attendee), a measure of the case (implementer).
        var needToKnow = inScope && (role == Role.MeasureImplementer ? view == View.MeasureOnly : view != View.MeasureOnly);
        if (validity != "valid" || !needToKnow)
        {
            return (Outcome.Deny, "ACC-1");
        }

        if (!charter)
        {
            return (Outcome.Deny, "REG-3");
        }

        if ((role is Role.OccasionalAttendee or Role.MeasureImplementer) && action != AccessAction.ReadCase)
        {
            return (Outcome.Deny, "ACC-1");
        }

        if (action == AccessAction.ProgrammeAction)
        {
            return consent == "consented" ? (Outcome.Allow, "ACC-3") : (Outcome.Deny, "ACC-3");
        }

        if (view == View.Pseudonymous)
        {
            return (Outcome.Allow, "ACC-1");
        }

        if (kind is InstitutionKind.Police or InstitutionKind.Gendarmerie or InstitutionKind.MunicipalPolice or InstitutionKind.MunicipalServiceNotInCharge)
        {
            return (Outcome.Deny, "ACC-2");
        }

        if (view == View.MeasureOnly)
        {
            return consent == "nothing" ? (Outcome.Deny, "REC-6") : (Outcome.Allow, "ACC-1");
        }

        return consent == "consented" ? (Outcome.Allow, "ACC-1") : (Outcome.Deny, "ACC-3");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decide_Matrix_ACC_1_ACC_2_ACC_3_REG_3_REC_6(string name, Role role, bool inScope, InstitutionKind kind, string validity, bool charter, string consent, AccessAction action, View view)
    {
        var designation = new DesignationFact(
            role,
            inScope || role is not (Role.Coordinator or Role.CoordinationTeam) ? "council-1" : "council-2",
            inScope || role is Role.Coordinator or Role.CoordinationTeam or Role.PathReferent ? "group-1" : "group-2",
            kind,
            role == Role.PathReferent ? (inScope ? "case-1" : "case-2") : "",
            Now.AddDays(validity == "expired" ? -400 : -30),
            Now.AddDays(validity == "expired" ? -1 : 300),
            validity == "revoked" ? Now.AddHours(-1) : null,
            charter,
            MeetingId: role == Role.OccasionalAttendee ? "meeting-1" : "",
            MeetingDate: role == Role.OccasionalAttendee ? Today : null,
            MeasureRef: role == Role.MeasureImplementer ? "M-1" : "");
        var programme = consent switch
        {
            "consented" => ConsentState.Permitted,
            "refused" => ConsentState.Refused,
            "incomplete" => ConsentState.Incomplete,
            _ => ConsentState.NotAsked,
        };
        var facts = new AccessFacts("alice", true, [designation], action, view, "case-1", "council-1", "group-1",
            Informed: consent != "nothing", NamedDiscussionPermitted: consent == "consented", Now, Body: BodyKind.ClspdGroup,
            AgendaMeetingIds: [inScope ? "meeting-1" : "meeting-9"], MeasureRefs: [inScope ? "M-1" : "M-9", "M-2"], CouncilDay: Today,
            ProgrammeEnrolment: programme);

        var decision = AccessPolicy.Decide(facts);
        var (outcome, rule) = Expected(role, inScope, kind, validity, charter, consent, action, view);

        Assert.True(decision.Outcome == outcome, $"{name}: got {decision.Outcome} ({string.Join(",", decision.RuleIds)}: {decision.Reason})");
        Assert.Equal(rule, decision.RuleIds[0]);
        Assert.Equal(outcome == Outcome.Allow ? view : View.Unspecified, decision.View);
        Assert.Equal(outcome == Outcome.Allow && view == View.MeasureOnly ? ["M-1"] : [], decision.MeasureRefs);
    }
}
