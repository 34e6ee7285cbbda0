using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>
/// ACC-1 without a leak: a caller who may not see a case or a person learns nothing about whether
/// it exists. An id that exists nowhere and an id the access service keeps from the caller
/// (<c>no_need_to_know</c>) get this same answer — status, message and details — and the id is not
/// echoed. The access service's own reason stays in the audit trail (ACC-4, ACC-6).
/// </summary>
public static class Unseen
{
    public const string Sentence =
        "no case or person you may see has this id (it does not exist, or no designation of yours reaches it): a case and its person are seen only by the council's coordination, the members of the case's group, the case's path referent, an occasional attendee of a meeting whose agenda holds it (on that day) and the implementer of one of its measures, while their designation is valid and not revoked";

    /// <summary>The one answer to every id the caller may not see (a denial: PermissionDenied).</summary>
    public static readonly Violation Violation = new("ACC-1", "", Sentence);
}
