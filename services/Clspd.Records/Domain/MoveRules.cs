using Clspd.Registry.V1;
using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>REC-8: the coordinator's move of a case to another body of its council.</summary>
public static class MoveRules
{
    /// <summary>REC-7: an archived case no longer moves.</summary>
    public static Violation? Movable(bool active) => active ? null : new Violation("REC-7", "case_id", "the case is archived: it no longer moves");

    /// <summary>REC-8: the target is another body of the case's own council that holds cases and is not closed.</summary>
    public static Violation? Target(string caseCouncilId, string caseGroupId, Group target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.CouncilId != caseCouncilId)
        {
            return new Violation("REC-8", "target_group_id", "a case moves only to another body of its own council");
        }

        if (!target.MayHoldCases || target.ClosedAt is not null)
        {
            return new Violation("REC-8", "target_group_id", "the target body does not hold cases (plenary or restricted formation, or closed)");
        }

        return target.Id == caseGroupId ? new Violation("REC-8", "target_group_id", "the case is already held by this body") : null;
    }

    /// <summary>REC-8: the move found the case archived or moved since it was read.</summary>
    public static Violation? Moved(bool movedNow) =>
        movedNow ? null : new Violation("REC-8", "case_id", "the case changed while it was being moved (archived or moved meanwhile); read it again");
}
