using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Domain;

/// <summary>
/// One designation of the principal, as the policy sees it. <paramref name="MeetingId"/> and
/// <paramref name="MeetingDate"/> bind an occasional attendee to one dated meeting,
/// <paramref name="MeasureRef"/> a measure implementer to one measure (REG-4).
/// </summary>
public sealed record DesignationFact(
    Role Role, string CouncilId, string GroupId, InstitutionKind InstitutionKind, string CaseRef,
    DateTimeOffset ValidFrom, DateTimeOffset ValidTo, DateTimeOffset? RevokedAt, bool CharterOk = true,
    GroupKind GroupKind = GroupKind.Unspecified, string MeetingId = "", DateOnly? MeetingDate = null, string MeasureRef = "");

/// <summary>
/// Everything a decision depends on: who, what, on which case, with which consent, when.
/// <paramref name="CouncilDay"/> is the calendar day of <paramref name="At"/> in the council's time
/// zone (an occasional attendee reads only on their meeting's day; left unset it matches no meeting).
/// <paramref name="AgendaMeetingIds"/> are the meetings whose agenda holds the case, and
/// <paramref name="MeasureRefs"/> the case's measures. <paramref name="ProgrammeEnrolment"/> is the
/// person's PROGRAMME_ENROLMENT consent state (ACC-3), read only for programme actions and the
/// measure view.
/// </summary>
public sealed record AccessFacts(
    string Principal,
    bool PrincipalKnown,
    IReadOnlyList<DesignationFact> Designations,
    AccessAction Action,
    View View,
    string CaseId,
    string CouncilId,
    string GroupId,
    bool Informed,
    bool NamedDiscussionPermitted,
    DateTimeOffset At,
    string Justification = "",
    BodyKind Body = BodyKind.Unspecified,
    IReadOnlyList<string>? AgendaMeetingIds = null,
    IReadOnlyList<string>? MeasureRefs = null,
    DateOnly CouncilDay = default,
    ConsentState ProgrammeEnrolment = ConsentState.Unspecified);
