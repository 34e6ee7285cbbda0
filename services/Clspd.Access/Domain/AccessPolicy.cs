using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Domain;

/// <summary>
/// The need-to-know policy (ACC-1 .. ACC-3, REC-6) as a pure function from facts to a decision.
/// Every deny names its rules and says why in words a professional understands (ACC-5).
/// </summary>
public static class AccessPolicy
{
    public static AccessDecision Decide(AccessFacts facts)
    {
        if (!facts.PrincipalKnown)
        {
            return AccessDecision.Deny("ACC-1", "you are not registered as a participant of any council: only participants designated by the mayor may access cases");
        }

        var valid = facts.Designations
            .Where(d => d.ValidFrom <= facts.At && facts.At < d.ValidTo && (d.RevokedAt is null || facts.At < d.RevokedAt))
            .ToList();
        var grant = valid
            .Select(d => (Designation: d, Rank: Rank(d, facts)))
            .Where(x => x.Rank > 0)
            .OrderByDescending(x => x.Rank)
            .Select(x => x.Designation)
            .FirstOrDefault();
        if (grant is null)
        {
            return AccessDecision.Deny("ACC-1",
                "you hold no valid designation giving access to this case: only the council's coordination, the members of the case's group and the case's path referent may see it, while their designation is valid and not revoked");
        }

        if (!grant.CharterOk)
        {
            return AccessDecision.Deny(["REG-3", "ACC-2"],
                "you or your institution have not signed and accepted the council's current charter version: no access until it is done",
                grant.Role);
        }

        if (facts.Action == AccessAction.OpenArchivedCase)
        {
            return DecideArchivedOpening(facts, grant);
        }

        var view = facts.View == View.Unspecified ? View.Pseudonymous : facts.View;
        if (view == View.Pseudonymous)
        {
            return AccessDecision.Allow(["ACC-1", "REC-6"], $"designated as {Describe(grant.Role)}: pseudonymous view of the case", View.Pseudonymous, grant.Role);
        }

        if (IsNonNominative(grant.InstitutionKind))
        {
            return AccessDecision.Deny("ACC-2",
                "your institution never receives nominative data in this system (police, gendarmerie and municipal services not in charge of the follow-up): only the pseudonymous view is available",
                grant.Role);
        }

        if (!facts.Informed || !facts.NamedDiscussionPermitted)
        {
            var missing = !facts.Informed
                ? "the person has not been informed (CON-2)"
                : "the person has not consented to a named discussion in this group, or has refused or withdrawn it (CON-4)";
            return AccessDecision.Deny(["ACC-3", "REC-6"], $"the named view needs informing and consent to a named discussion: {missing}; the pseudonymous view remains available", grant.Role);
        }

        return AccessDecision.Allow(["ACC-1", "ACC-3", "REC-6"], $"designated as {Describe(grant.Role)}, person informed and consenting: named view", View.Named, grant.Role);
    }

    // REC-7: an archived case is opened one at a time, by the council's coordinator, for a stated reason.
    private static AccessDecision DecideArchivedOpening(AccessFacts facts, DesignationFact grant)
    {
        if (grant.Role != Role.Coordinator)
        {
            return AccessDecision.Deny(["REC-7", "ACC-1"], "only the council's coordinator may open an archived case", grant.Role);
        }

        if (string.IsNullOrWhiteSpace(facts.Justification))
        {
            return AccessDecision.Deny("REC-7", "opening an archived case needs a stated reason", grant.Role);
        }

        var view = facts.View == View.Named && !IsNonNominative(grant.InstitutionKind) ? View.Named : View.Pseudonymous;
        if (facts.View == View.Named && view != View.Named)
        {
            return AccessDecision.Deny("ACC-2", "your institution never receives nominative data in this system", grant.Role);
        }

        return AccessDecision.Allow(["REC-7", "ACC-1"], $"archived case opened by the coordinator of the council for the reason {facts.Justification}", view, grant.Role);
    }

    /// <summary>
    /// ACC-2: institution kinds that never receive nominative data — police forces (national and
    /// municipal police, gendarmerie: their judicial-police powers run outside this system) and
    /// municipal services not in charge of the follow-up.
    /// </summary>
    public static bool IsNonNominative(InstitutionKind kind) =>
        kind is InstitutionKind.Police or InstitutionKind.Gendarmerie or InstitutionKind.MunicipalPolice or InstitutionKind.MunicipalServiceNotInCharge;

    // Which designation grants access to this case (0 = none); the most specific wins.
    private static int Rank(DesignationFact d, AccessFacts facts) => d.Role switch
    {
        Role.PathReferent when d.CaseRef == facts.CaseId => 4,
        Role.Coordinator when d.CouncilId == facts.CouncilId => 3,
        Role.CoordinationTeam when d.CouncilId == facts.CouncilId => 2,
        Role.GroupMember when d.GroupId == facts.GroupId => 1,
        _ => 0,
    };

    private static string Describe(Role role) => role switch
    {
        Role.Coordinator => "coordinator of the council",
        Role.CoordinationTeam => "member of the coordination team",
        Role.GroupMember => "member of the case's group",
        Role.PathReferent => "path referent of the case",
        _ => "participant",
    };
}
