using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Domain;

/// <summary>One designation of the principal, as the policy sees it.</summary>
public sealed record DesignationFact(
    Role Role, string CouncilId, string GroupId, InstitutionKind InstitutionKind, string CaseRef,
    DateTimeOffset ValidFrom, DateTimeOffset ValidTo, DateTimeOffset? RevokedAt, bool CharterOk = true,
    GroupKind GroupKind = GroupKind.Unspecified);

/// <summary>Everything a decision depends on: who, what, on which case, with which consent, when.</summary>
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
    BodyKind Body = BodyKind.Unspecified);
