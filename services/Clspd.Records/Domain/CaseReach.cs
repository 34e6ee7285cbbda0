using Clspd.Access.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;

namespace Clspd.Records.Domain;

/// <summary>
/// "My cases" (ACC-1): which cases a caller's designations in force may reach — the candidates
/// records lists and asks the access service about — how the caller stands to each, and which
/// refusals are worth showing. Designations outside the councils the caller's issuer binds them to
/// reach nothing. Access still decides every case; this only chooses what to ask it.
/// </summary>
public sealed class CaseReach
{
    private readonly Designation[] _held;

    private CaseReach(Designation[] held, string participantId)
    {
        _held = held;
        ParticipantId = participantId;
    }

    /// <summary>The caller's designations in force that count (ACC-1: only in the councils their issuer binds them to).</summary>
    public static CaseReach Of(IEnumerable<Designation> designations, string participantId, IReadOnlyList<string> boundCouncils) =>
        new([.. designations.Where(d => CallerRules.ActsFor(boundCouncils, d.CouncilId))], participantId);

    /// <summary>The caller's registry participant id (empty when unknown): a follow-up names its path referent by it.</summary>
    public string ParticipantId { get; }

    /// <summary>Councils the caller coordinates or sits in the coordination team of: all their cases.</summary>
    public string[] Councils => Of(d => d.Role is Role.Coordinator or Role.CoordinationTeam, d => d.CouncilId);

    /// <summary>Groups the caller is a member of: all their cases.</summary>
    public string[] Groups => Of(d => d.Role == Role.GroupMember, d => d.GroupId);

    /// <summary>Cases the caller is designated path referent of.</summary>
    public string[] CaseRefs => Of(d => d.Role == Role.PathReferent, d => d.CaseRef);

    /// <summary>Meetings the caller attends: the cases on their agenda.</summary>
    public string[] Meetings => Of(d => d.Role == Role.OccasionalAttendee, d => d.MeetingId);

    /// <summary>Measures the caller carries out: the cases holding them.</summary>
    public string[] Measures => Of(d => d.Role == Role.MeasureImplementer, d => d.MeasureRef);

    /// <summary>True when nothing can reach a case: no designation that counts and no participant id.</summary>
    public bool IsEmpty => _held.Length == 0 && ParticipantId.Length == 0;

    /// <summary>
    /// How the caller stands to a case, most specific first (as access ranks them): designated or
    /// named path referent, coordinator, coordination team, group member, attendee, implementer.
    /// </summary>
    public IReadOnlyList<CaseRelation> RelationsTo(string caseId, string councilId, string groupId, IReadOnlyCollection<string> agenda,
        IReadOnlyCollection<string> measures, bool namedReferent)
    {
        ArgumentNullException.ThrowIfNull(agenda);
        ArgumentNullException.ThrowIfNull(measures);
        var relations = new List<CaseRelation>();
        void AddIf(bool reached, CaseRelation relation)
        {
            if (reached && !relations.Contains(relation))
            {
                relations.Add(relation);
            }
        }

        AddIf(namedReferent || _held.Any(d => d.Role == Role.PathReferent && d.CaseRef == caseId), CaseRelation.PathReferent);
        AddIf(_held.Any(d => d.Role == Role.Coordinator && d.CouncilId == councilId), CaseRelation.Coordinator);
        AddIf(_held.Any(d => d.Role == Role.CoordinationTeam && d.CouncilId == councilId), CaseRelation.CoordinationTeam);
        AddIf(_held.Any(d => d.Role == Role.GroupMember && d.GroupId == groupId), CaseRelation.GroupMember);
        AddIf(_held.Any(d => d.Role == Role.OccasionalAttendee && agenda.Contains(d.MeetingId)), CaseRelation.OccasionalAttendee);
        AddIf(_held.Any(d => d.Role == Role.MeasureImplementer && measures.Contains(d.MeasureRef)), CaseRelation.MeasureImplementer);
        return relations;
    }

    /// <summary>
    /// The view a listed case is asked in: the measure view for one whose only relation is carrying
    /// out one of its measures (ACC-1: the implementer's only view), the pseudonymous view otherwise.
    /// The list never asks for the named view (REC-6: that stays an explicit, audited read).
    /// </summary>
    public static View ViewFor(IReadOnlyList<CaseRelation> relations) =>
        relations is [CaseRelation.MeasureImplementer] ? View.MeasureOnly : View.Pseudonymous;

    /// <summary>
    /// ACC-1, ACC-5: what the list does with access's answer on a case. An allow is listed. A deny
    /// is listed with its rules and sentence when a designation of the caller in force reaches the
    /// case (not <c>no_need_to_know</c>: e.g. REG-3 / ACC-2, the charter not signed), or when records
    /// names the caller path referent on the case's follow-up, so that they know the case already
    /// and learn why they may not read it (e.g. their designation expired or was revoked). Any other
    /// deny is left out: the caller may not learn that the case exists, as GetCase answers them.
    /// </summary>
    public static MyCaseListing Listing(CheckResponse decision, bool namedReferent)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Outcome == Outcome.Allow)
        {
            return MyCaseListing.Shown;
        }

        return !decision.NoNeedToKnow || namedReferent ? MyCaseListing.Refused : MyCaseListing.LeftOut;
    }

    private string[] Of(Func<Designation, bool> which, Func<Designation, string> value) =>
        [.. _held.Where(which).Select(value).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
