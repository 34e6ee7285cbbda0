using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Domain;

/// <summary>
/// One designation of the principal, as the policy sees it. <paramref name="MeetingId"/> and
/// <paramref name="MeetingDate"/> bind an occasional attendee to one dated meeting,
/// <paramref name="MeasureRef"/> a measure implementer to one measure (REG-4). A designation ended
/// by an exclusion for a confidentiality breach carries the breach's id in <paramref name="BreachId"/> (REG-5).
/// </summary>
public sealed record DesignationFact(
    Role Role, string CouncilId, string GroupId, InstitutionKind InstitutionKind, string CaseRef,
    DateTimeOffset ValidFrom, DateTimeOffset ValidTo, DateTimeOffset? RevokedAt, bool CharterOk = true,
    GroupKind GroupKind = GroupKind.Unspecified, string MeetingId = "", DateOnly? MeetingDate = null, string MeasureRef = "", string BreachId = "")
{
    /// <summary>Whether the designation is in force at the instant: within [from, to) and not revoked.</summary>
    public bool InForceAt(DateTimeOffset at) => ValidFrom <= at && at < ValidTo && (RevokedAt is null || at < RevokedAt);

    /// <summary>Whether the designation has ended at the instant, by expiry or revocation (for good: an ended designation never comes back).</summary>
    public bool EndedAt(DateTimeOffset at) => ValidTo <= at || RevokedAt <= at;

    /// <summary>When it ended (or will end): the earlier of its revocation and its end of validity.</summary>
    public DateTimeOffset EndsAt => RevokedAt is { } revoked && revoked < ValidTo ? revoked : ValidTo;
}

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
