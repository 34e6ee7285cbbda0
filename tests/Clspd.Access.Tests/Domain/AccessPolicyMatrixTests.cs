using Clspd.Access.Domain;
using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Tests.Domain;

/// <summary>
/// Every role × scope × institution kind × designation validity × charter × consent × view, each
/// case named after the rule that decides it, against the rules as RULES.md states them:
/// ACC-1 (valid designation giving need-to-know), REG-3 (current charter), ACC-2 (never
/// nominative for police, gendarmerie and services not in charge), ACC-3 (informing and consent
/// for the named view).
/// </summary>
public sealed class AccessPolicyMatrixTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static readonly Role[] Roles = [Role.Coordinator, Role.CoordinationTeam, Role.GroupMember, Role.OccasionalAttendee, Role.PathReferent, Role.MeasureImplementer];

    private static readonly InstitutionKind[] Kinds =
    [
        InstitutionKind.DepartmentSocialServices, InstitutionKind.SpecialisedPrevention, InstitutionKind.NationalEducation,
        InstitutionKind.Police, InstitutionKind.Gendarmerie, InstitutionKind.MunicipalPolice, InstitutionKind.MunicipalServiceNotInCharge,
    ];

    private static readonly string[] Validities = ["valid", "expired", "revoked"];

    private static readonly string[] Consents = ["consented", "informed-only", "nothing"];

    public static TheoryData<string, Role, bool, InstitutionKind, string, bool, string, View> Matrix()
    {
        var data = new TheoryData<string, Role, bool, InstitutionKind, string, bool, string, View>();
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
                                foreach (var view in new[] { View.Pseudonymous, View.Named })
                                {
                                    var (outcome, rule) = Expected(role, inScope, kind, validity, charter, consent, view);
                                    var name = $"{rule}: {role} {(inScope ? "in scope" : "out of scope")}, {kind}, {validity}, charter {(charter ? "ok" : "missing")}, {consent}, {view} → {outcome}";
                                    data.Add(name, role, inScope, kind, validity, charter, consent, view);
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
    private static (Outcome Outcome, string Rule) Expected(Role role, bool inScope, InstitutionKind kind, string validity, bool charter, string consent, View view)
    {
        var needToKnow = inScope && role is Role.Coordinator or Role.CoordinationTeam or Role.GroupMember or Role.PathReferent;
        if (validity != "valid" || !needToKnow)
        {
            return (Outcome.Deny, "ACC-1");
        }

        if (!charter)
        {
            return (Outcome.Deny, "REG-3");
        }

        if (view == View.Pseudonymous)
        {
            return (Outcome.Allow, "ACC-1");
        }

        if (kind is InstitutionKind.Police or InstitutionKind.Gendarmerie or InstitutionKind.MunicipalPolice or InstitutionKind.MunicipalServiceNotInCharge)
        {
            return (Outcome.Deny, "ACC-2");
        }

        return consent == "consented" ? (Outcome.Allow, "ACC-1") : (Outcome.Deny, "ACC-3");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decide_Matrix_ACC_1_ACC_2_ACC_3_REG_3(string name, Role role, bool inScope, InstitutionKind kind, string validity, bool charter, string consent, View view)
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
            charter);
        var facts = new AccessFacts("alice", true, [designation], AccessAction.ReadCase, view, "case-1", "council-1", "group-1",
            Informed: consent != "nothing", NamedDiscussionPermitted: consent == "consented", Now);

        var decision = AccessPolicy.Decide(facts);
        var (outcome, rule) = Expected(role, inScope, kind, validity, charter, consent, view);

        Assert.True(decision.Outcome == outcome, $"{name}: got {decision.Outcome} ({string.Join(",", decision.RuleIds)}: {decision.Reason})");
        Assert.Equal(rule, decision.RuleIds[0]);
    }
}
