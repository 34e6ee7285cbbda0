using Clspd.Access.V1;
using Clspd.Consent.V1;
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
        "you hold no valid designation giving access to this case: only the council's coordination, the members of the case's group, the case's path referent, an occasional attendee of a meeting whose agenda holds it (on that day) and the implementer of one of its measures may see it, while their designation is valid and not revoked");

    // ACC-1: the designations that came nearest to a grant, from the least to the most telling.
    private static readonly AccessDecision MeasureViewNotImplementer = AccessDecision.Deny(["ACC-1", "REC-6"],
        "the measure view is the view of the implementer of one of the case's measures, and you are not designated as such: ask for the pseudonymous or the named view");

    private static readonly AccessDecision AttendeeNotOnAgenda = AccessDecision.Deny("ACC-1",
        "you are designated as occasional attendee of one meeting: you may see only the cases on its agenda, and this case is not on it", Role.OccasionalAttendee);

    private static readonly AccessDecision AttendeeOtherDay = AccessDecision.Deny("ACC-1",
        "you are designated as occasional attendee of a meeting whose agenda holds this case: you may see it only on the day of that meeting (council time), and today is not that day", Role.OccasionalAttendee);

    private static readonly AccessDecision ImplementerOtherMeasure = AccessDecision.Deny("ACC-1",
        "you are designated as implementer of a measure this case does not hold: you may see only the case of your own measure", Role.MeasureImplementer);

    private static readonly AccessDecision ImplementerNeedsMeasureView = AccessDecision.Deny(["ACC-1", "REC-6"],
        "as implementer of a measure of this case you see only that measure and the contact data needed to carry it out: ask for the measure view", Role.MeasureImplementer);

    private static readonly AccessDecision SubjectFileNotCoordinator = AccessDecision.Deny(["REC-10", "ACC-1"],
        "only the council's coordinator exports the file of a person who holds no case (their access request): you hold no coordinator designation of this council in force");

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

    private static readonly AccessDecision[] ReadOnly = ByRole(role => AccessDecision.Deny("ACC-1",
        $"designated as {Describe(role)}, you may read the case, never change it", role));

    private static readonly AccessDecision[] MeasureNotInformed = ByRole(role => AccessDecision.Deny(["REC-6", "CON-2"],
        "the measure view gives the person's contact data: it needs the person (for a minor, each legal representative) to have been informed first (CON-2), and they have not been", role));

    private static readonly AccessDecision[] ProgrammeAllowed = ByRole(role => AccessDecision.Allow(["ACC-3", "ACC-1"],
        $"designated as {Describe(role)}, the person consented to the programme enrolment: programme action allowed", View.Pseudonymous, role));

    private static readonly AccessDecision[] ProgrammeBlocked = ByRole(role => AccessDecision.Deny(["ACC-3", "CON-4"],
        "programme actions need the person's consent to the programme enrolment: it was refused or withdrawn, which blocks the programme until a new, later consent (CON-4)", role));

    private static readonly AccessDecision[] ProgrammeIncomplete = ByRole(role => AccessDecision.Deny(["ACC-3", "CON-3"],
        "programme actions need the person's consent to the programme enrolment: the person is a minor and not every legal representative has consented yet (CON-3)", role));

    private static readonly AccessDecision[] ProgrammeNotAsked = ByRole(role => AccessDecision.Deny(["ACC-3", "CON-3"],
        "programme actions need the person's consent to the programme enrolment: no consent to it is recorded (CON-3)", role));

    public static AccessDecision Decide(AccessFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!facts.PrincipalKnown)
        {
            return Unreached(UnknownPrincipal);
        }

        if (facts.Action == AccessAction.ExportSubjectFile)
        {
            return DecideSubjectFileExport(facts);
        }

        // The designation in force that gives need-to-know on this case; the most specific wins.
        // Designations that came near (an attendee on another day, an implementer asking the wrong
        // view) are remembered to say why, if nothing grants.
        // A designation that would have granted but has ended (expired, revoked, or ended by an
        // exclusion) says why, and since when, rather than the general ACC-1 sentence.
        DesignationFact? grant = null;
        DesignationFact? ended = null;
        var best = 0;
        var walled = false;
        AccessDecision? nearest = null;
        var designations = facts.Designations;
        for (var i = 0; i < designations.Count; i++)
        {
            var d = designations[i];
            if (d.InForceAt(facts.At))
            {
                var rank = Rank(d, facts, ref nearest);
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
            else if (d.EndedAt(facts.At) && MoreTelling(d, ended) && WouldGrant(d, facts))
            {
                ended = d;
            }
        }

        if (grant is null)
        {
            // An implementer of one of the case's measures asking another view is reached by their designation: told to ask for the measure view.
            // An ended designation names how and since when it ended (REG-5), and still reaches no case: the
            // caller learns nothing of whether this one exists (ACC-1). Made per call, so not cached.
            if (!walled && ended is not null)
            {
                return Ended(ended, ["ACC-1"]) with { NoNeedToKnow = true };
            }

            var denied = walled ? Walled : nearest ?? (facts.View == View.MeasureOnly ? MeasureViewNotImplementer : NoGrant);
            return ReferenceEquals(denied, ImplementerNeedsMeasureView) ? denied : Unreached(denied);
        }

        var role = (int)grant.Role;
        if (!grant.CharterOk)
        {
            return CharterMissing[role];
        }

        if ((grant.Role is Role.OccasionalAttendee or Role.MeasureImplementer) && facts.Action != AccessAction.ReadCase)
        {
            return ReadOnly[role];
        }

        switch (facts.Action)
        {
            case AccessAction.OpenArchivedCase:
                return DecideArchivedOpening(facts, grant);
            case AccessAction.MoveCase:
                return DecideMove(facts, grant);
            case AccessAction.ExportCase or AccessAction.RectifyIdentity:
                return DecideSubjectRights(facts, grant);
            case AccessAction.CloseMeeting:
                return DecideCloseMeeting(facts, grant);
            case AccessAction.ProgrammeAction:
                return DecideProgrammeAction(facts, grant);
            default:
                break;
        }

        if (facts.View == View.MeasureOnly)
        {
            // Only an implementer designation ranks for this view (see Rank).
            if (InstitutionKinds.NeverNominative(grant.InstitutionKind))
            {
                return NeverNominative[role];
            }

            return facts.Informed ? MeasureView(facts, grant) : MeasureNotInformed[role];
        }

        if (facts.View is View.Unspecified or View.Pseudonymous)
        {
            return Pseudonymous[role];
        }

        if (InstitutionKinds.NeverNominative(grant.InstitutionKind))
        {
            return NeverNominative[role];
        }

        if (!facts.Informed)
        {
            return NotInformed[role];
        }

        return facts.NamedDiscussionPermitted ? Named[role] : NoConsent[role];
    }

    // No designation reaches the resource: the principal may not learn that it exists (see AccessDecision.NoNeedToKnow).
    // The decisions are shared, so each is marked once and kept.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<AccessDecision, AccessDecision> s_unreached = new(ReferenceEqualityComparer.Instance);

    private static AccessDecision Unreached(AccessDecision decision) =>
        decision.NoNeedToKnow ? decision : s_unreached.GetOrAdd(decision, d => d with { NoNeedToKnow = true });

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

        var view = facts.View == View.Named && !InstitutionKinds.NeverNominative(grant.InstitutionKind) ? View.Named : View.Pseudonymous;
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

        if (InstitutionKinds.NeverNominative(grant.InstitutionKind))
        {
            return AccessDecision.Deny("ACC-2", "your institution never receives nominative data in this system", grant.Role);
        }

        return AccessDecision.Allow(["REC-10", "ACC-1"], $"coordinator of the council allowed to {what} for the reason {facts.Justification}", View.Named, grant.Role);
    }

    // REC-10: the file of a person who holds no case is answered by the council's coordinator, for
    // a stated reason. There is no case, so no group, path, agenda, measure or body wall decides:
    // only a coordinator designation of the council, in force, with the charter accepted.
    private static AccessDecision DecideSubjectFileExport(AccessFacts facts)
    {
        DesignationFact? grant = null;
        DesignationFact? ended = null;
        var designations = facts.Designations;
        for (var i = 0; i < designations.Count && grant is null; i++)
        {
            var d = designations[i];
            if (d.Role == Role.Coordinator && d.CouncilId == facts.CouncilId)
            {
                if (d.InForceAt(facts.At))
                {
                    grant = d;
                }
                else if (d.EndedAt(facts.At) && MoreTelling(d, ended))
                {
                    ended = d;
                }
            }
        }

        if (grant is null)
        {
            return ended is not null ? Ended(ended, ["REC-10", "ACC-1"]) with { NoNeedToKnow = true } : Unreached(SubjectFileNotCoordinator);
        }

        if (!grant.CharterOk)
        {
            return CharterMissing[(int)Role.Coordinator];
        }

        if (string.IsNullOrWhiteSpace(facts.Justification))
        {
            return AccessDecision.Deny("REC-10", "exporting the file of a person who holds no case needs a stated reason", Role.Coordinator);
        }

        if (InstitutionKinds.NeverNominative(grant.InstitutionKind))
        {
            return AccessDecision.Deny("ACC-2", "your institution never receives nominative data in this system", Role.Coordinator);
        }

        return AccessDecision.Allow(["REC-10", "ACC-1"],
            $"coordinator of the council allowed to export the file of a person who holds no case, for the reason {facts.Justification}", View.Named, Role.Coordinator);
    }

    // REC-9: the working sheet of each case on the agenda is purged when the meeting is closed, by
    // those who run the group: the council's coordination and the members of the case's group.
    private static AccessDecision DecideCloseMeeting(AccessFacts facts, DesignationFact grant)
    {
        if (grant.Role is not (Role.Coordinator or Role.CoordinationTeam or Role.GroupMember))
        {
            return AccessDecision.Deny(["REC-9", "ACC-1"], "only the council's coordination and the members of the case's group close the meetings that discuss it", grant.Role);
        }

        if (string.IsNullOrWhiteSpace(facts.Justification))
        {
            return AccessDecision.Deny("REC-9", "closing a meeting names the meeting closed", grant.Role);
        }

        return AccessDecision.Allow(["REC-9", "ACC-1"],
            $"meeting {facts.Justification} closed by the {Describe(grant.Role)}: the case's working sheet is purged, the decisions taken stay", View.Pseudonymous, grant.Role);
    }

    // ACC-3: programme actions need PROGRAMME_ENROLMENT; a refusal or withdrawal blocks at once
    // (CON-4); for a minor every legal representative must have consented (INCOMPLETE denies).
    private static AccessDecision DecideProgrammeAction(AccessFacts facts, DesignationFact grant) => facts.ProgrammeEnrolment switch
    {
        ConsentState.Permitted => ProgrammeAllowed[(int)grant.Role],
        ConsentState.Refused or ConsentState.Withdrawn => ProgrammeBlocked[(int)grant.Role],
        ConsentState.Incomplete => ProgrammeIncomplete[(int)grant.Role],
        _ => ProgrammeNotAsked[(int)grant.Role],
    };

    // ACC-1: the implementer sees their own measures of the case (one designation each) and nothing else.
    private static AccessDecision MeasureView(AccessFacts facts, DesignationFact grant)
    {
        var mine = new List<string>(1);
        var designations = facts.Designations;
        for (var i = 0; i < designations.Count; i++)
        {
            var d = designations[i];
            if (d.Role == Role.MeasureImplementer && d.CharterOk && d.InForceAt(facts.At) && Holds(facts.MeasureRefs, d.MeasureRef) && !mine.Contains(d.MeasureRef))
            {
                mine.Add(d.MeasureRef);
            }
        }

        return AccessDecision.Allow(["ACC-1", "REC-6"],
            "designated as implementer of a measure of this case, person informed: the measure and the contact data needed to carry it out", View.MeasureOnly, grant.Role)
            with { MeasureRefs = mine };
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
    /// ACC-1 / REG-5: the deny for a designation that would have given access but has ended — by
    /// an exclusion for a confidentiality breach (REG-5), a revocation, or its end of validity —
    /// saying which, and since when (UTC). <paramref name="rules"/> are the rules the designation
    /// would have answered to; an exclusion puts REG-5 first.
    /// </summary>
    private static AccessDecision Ended(DesignationFact d, string[] rules)
    {
        var designation = $"your designation as {Describe(d.Role)}";
        if (!string.IsNullOrEmpty(d.BreachId))
        {
            return AccessDecision.Deny(["REG-5", .. rules],
                $"{designation} ended on {When(d.EndsAt)}, when you were excluded for a breach of confidentiality (REG-5): every designation you held ended then, and only a new mayor's order, dated on or after the exclusion, designates you again", d.Role);
        }

        return d.RevokedAt is { } revoked && revoked < d.ValidTo
            ? AccessDecision.Deny(rules, $"{designation} was revoked on {When(revoked)}: no access until a new mayor's order designates you again", d.Role)
            : AccessDecision.Deny(rules, $"{designation} expired on {When(d.ValidTo)}: no access until a new mayor's order designates you again", d.Role);
    }

    private static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    // Among ended designations the one to name: an exclusion first (it ended everything), then the latest to end.
    private static bool MoreTelling(DesignationFact d, DesignationFact? than) =>
        than is null
        || (!string.IsNullOrEmpty(d.BreachId) && string.IsNullOrEmpty(than.BreachId))
        || (string.IsNullOrEmpty(d.BreachId) == string.IsNullOrEmpty(than.BreachId) && d.EndsAt > than.EndsAt);

    // Whether a designation, were it in force, would give need-to-know on this case (on this side of the wall).
    private static bool WouldGrant(DesignationFact d, AccessFacts facts)
    {
        AccessDecision? ignored = null;
        return Rank(d, facts, ref ignored) > 0 && !AcrossWall(d, facts.Body);
    }

    // Which designation grants access to this case (0 = none); the most specific wins. The measure
    // view ranks only the implementer of one of the case's measures, and the implementer ranks for
    // no other view. A designation that comes near without granting is kept in nearest.
    private static int Rank(DesignationFact d, AccessFacts facts, ref AccessDecision? nearest)
    {
        if (facts.View == View.MeasureOnly)
        {
            if (d.Role == Role.MeasureImplementer)
            {
                if (Holds(facts.MeasureRefs, d.MeasureRef))
                {
                    return 1;
                }

                nearest ??= ImplementerOtherMeasure;
            }

            return 0;
        }

        switch (d.Role)
        {
            case Role.PathReferent when d.CaseRef == facts.CaseId:
                return 6;
            case Role.Coordinator when d.CouncilId == facts.CouncilId:
                return 5;
            case Role.CoordinationTeam when d.CouncilId == facts.CouncilId:
                return 4;
            case Role.GroupMember when d.GroupId == facts.GroupId:
                return 3;
            case Role.OccasionalAttendee:
                if (!Holds(facts.AgendaMeetingIds, d.MeetingId))
                {
                    nearest ??= AttendeeNotOnAgenda;
                    return 0;
                }

                if (d.MeetingDate != facts.CouncilDay || facts.CouncilDay == default)
                {
                    nearest = AttendeeOtherDay;
                    return 0;
                }

                return 2;
            case Role.MeasureImplementer:
                if (Holds(facts.MeasureRefs, d.MeasureRef))
                {
                    nearest = ImplementerNeedsMeasureView;
                }
                else
                {
                    nearest ??= ImplementerOtherMeasure;
                }

                return 0;
            default:
                return 0;
        }
    }

    // Whether a non-empty reference is in the list (ordinal, no allocation).
    private static bool Holds(IReadOnlyList<string>? list, string value)
    {
        if (list is null || string.IsNullOrEmpty(value))
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Role role) => role switch
    {
        Role.Coordinator => "coordinator of the council",
        Role.CoordinationTeam => "member of the coordination team",
        Role.GroupMember => "member of the case's group",
        Role.PathReferent => "path referent of the case",
        Role.OccasionalAttendee => "occasional attendee of a meeting whose agenda holds the case, on its day",
        Role.MeasureImplementer => "implementer of a measure of the case",
        _ => "participant",
    };
}
