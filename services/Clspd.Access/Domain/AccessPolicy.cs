using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Domain;

/// <summary>
/// The need-to-know policy (ACC-1 .. ACC-3, REC-6) as a pure function from facts to a decision.
/// Every deny names its rules and says why in words a professional understands (ACC-5).
/// </summary>
public static class AccessPolicy
{
    // Decisions are immutable and depend only on the rule reached and the role used: they are built
    // once, so a warm decision allocates nothing.
    private static readonly Role[] AllRoles = Enum.GetValues<Role>();

    private static readonly AccessDecision UnknownPrincipal = AccessDecision.Deny("ACC-1",
        "you are not registered as a participant of any council: only participants designated by the mayor may access cases");

    private static readonly AccessDecision NoGrant = AccessDecision.Deny("ACC-1",
        "you hold no valid designation giving access to this case: only the council's coordination, the members of the case's group and the case's path referent may see it, while their designation is valid and not revoked");

    private static readonly AccessDecision Walled = AccessDecision.Deny("REC-8",
        "the case belongs to another body: CDDF cases are never seen from CLSPD groups and CLSPD-group cases never from the CDDF; your designation is on the other side of that wall");

    private static readonly AccessDecision[] CharterMissing = ByRole(role => AccessDecision.Deny(["REG-3", "ACC-2"],
        "you or your institution have not signed and accepted the council's current charter version: no access until it is done", role));

    private static readonly AccessDecision[] Pseudonymous = ByRole(role => AccessDecision.Allow(["ACC-1", "REC-6"],
        $"designated as {Describe(role)}: pseudonymous view of the case", View.Pseudonymous, role));

    private static readonly AccessDecision[] NeverNominative = ByRole(role => AccessDecision.Deny("ACC-2",
        "your institution never receives nominative data in this system (police, gendarmerie and municipal services not in charge of the follow-up): only the pseudonymous view is available", role));

    private static readonly AccessDecision[] NotInformed = ByRole(role => AccessDecision.Deny(["ACC-3", "REC-6"],
        "the named view needs informing and consent to a named discussion: the person has not been informed (CON-2); the pseudonymous view remains available", role));

    private static readonly AccessDecision[] NoConsent = ByRole(role => AccessDecision.Deny(["ACC-3", "REC-6"],
        "the named view needs informing and consent to a named discussion: the person has not consented to a named discussion in this group, or has refused or withdrawn it (CON-4); the pseudonymous view remains available", role));

    private static readonly AccessDecision[] Named = ByRole(role => AccessDecision.Allow(["ACC-1", "ACC-3", "REC-6"],
        $"designated as {Describe(role)}, person informed and consenting: named view", View.Named, role));

    public static AccessDecision Decide(AccessFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!facts.PrincipalKnown)
        {
            return UnknownPrincipal;
        }

        // The designation in force that gives need-to-know on this case; the most specific wins.
        DesignationFact? grant = null;
        var best = 0;
        var walled = false;
        var designations = facts.Designations;
        for (var i = 0; i < designations.Count; i++)
        {
            var d = designations[i];
            if (d.ValidFrom <= facts.At && facts.At < d.ValidTo && (d.RevokedAt is null || facts.At < d.RevokedAt))
            {
                var rank = Rank(d, facts);
                if (rank > 0 && AcrossWall(d, facts.Body))
                {
                    walled = true;
                }
                else if (rank > best)
                {
                    best = rank;
                    grant = d;
                }
            }
        }

        if (grant is null)
        {
            return walled ? Walled : NoGrant;
        }

        var role = (int)grant.Role;
        if (!grant.CharterOk)
        {
            return CharterMissing[role];
        }

        if (facts.Action == AccessAction.OpenArchivedCase)
        {
            return DecideArchivedOpening(facts, grant);
        }

        if (facts.Action == AccessAction.MoveCase)
        {
            return DecideMove(facts, grant);
        }

        if (facts.Action is AccessAction.ExportCase or AccessAction.RectifyIdentity)
        {
            return DecideSubjectRights(facts, grant);
        }

        if (facts.View is View.Unspecified or View.Pseudonymous)
        {
            return Pseudonymous[role];
        }

        if (IsNonNominative(grant.InstitutionKind))
        {
            return NeverNominative[role];
        }

        if (!facts.Informed)
        {
            return NotInformed[role];
        }

        return facts.NamedDiscussionPermitted ? Named[role] : NoConsent[role];
    }

    private static AccessDecision[] ByRole(Func<Role, AccessDecision> make)
    {
        var decisions = new AccessDecision[AllRoles.Max(r => (int)r) + 1];
        foreach (var role in AllRoles)
        {
            decisions[(int)role] = make(role);
        }

        return decisions;
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

    // REC-8: moving a case between bodies is the coordinator's decision, with a stated reason.
    private static AccessDecision DecideMove(AccessFacts facts, DesignationFact grant)
    {
        if (grant.Role != Role.Coordinator)
        {
            return AccessDecision.Deny(["REC-8", "ACC-1"], "only the council's coordinator may move a case to another body", grant.Role);
        }

        if (string.IsNullOrWhiteSpace(facts.Justification))
        {
            return AccessDecision.Deny("REC-8", "moving a case to another body needs a stated reason", grant.Role);
        }

        return AccessDecision.Allow(["REC-8", "ACC-1"], $"case moved to another body by the coordinator of the council for the reason {facts.Justification}", View.Pseudonymous, grant.Role);
    }

    // REC-10: named exports and rectifications are the coordinator's, with a stated reason, and
    // never for an institution that receives no nominative data.
    private static AccessDecision DecideSubjectRights(AccessFacts facts, DesignationFact grant)
    {
        var what = facts.Action == AccessAction.ExportCase ? "export a case's named data" : "rectify a person's identity";
        if (grant.Role != Role.Coordinator)
        {
            return AccessDecision.Deny(["REC-10", "ACC-1"], $"only the council's coordinator may {what}", grant.Role);
        }

        if (string.IsNullOrWhiteSpace(facts.Justification))
        {
            return AccessDecision.Deny("REC-10", $"to {what} needs a stated reason", grant.Role);
        }

        if (IsNonNominative(grant.InstitutionKind))
        {
            return AccessDecision.Deny("ACC-2", "your institution never receives nominative data in this system", grant.Role);
        }

        return AccessDecision.Allow(["REC-10", "ACC-1"], $"coordinator of the council allowed to {what} for the reason {facts.Justification}", View.Named, grant.Role);
    }

    /// <summary>
    /// REC-8: the side of the wall a designation stands on is the kind of its group (CDDF or a CLSPD
    /// working group). The coordinator answers for the whole council — both bodies, and the moves
    /// between them — so only their designation crosses; everyone else, the coordination team
    /// included, sees the cases of their own side only. Unknown kinds place no wall.
    /// </summary>
    public static bool AcrossWall(DesignationFact designation, BodyKind body)
    {
        ArgumentNullException.ThrowIfNull(designation);
        if (designation.Role == Role.Coordinator || body == BodyKind.Unspecified)
        {
            return false;
        }

        var side = BodyOf(designation.GroupKind);
        return side != BodyKind.Unspecified && side != body;
    }

    /// <summary>The body kind of a registry group kind (REC-8); plenary and restricted formations hold no cases.</summary>
    public static BodyKind BodyOf(GroupKind kind) => kind switch
    {
        GroupKind.Cddf => BodyKind.Cddf,
        GroupKind.Territorial or GroupKind.Thematic or GroupKind.Operational => BodyKind.ClspdGroup,
        _ => BodyKind.Unspecified,
    };

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
