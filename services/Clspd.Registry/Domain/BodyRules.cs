using Clspd.Registry.V1;
using Clspd.Rules;

namespace Clspd.Registry.Domain;

/// <summary>REG-2: what a body of the council takes, by its kind and whether it is closed.</summary>
public static class BodyRules
{
    /// <summary>REG-2: only open working groups and the CDDF take designations.</summary>
    public static Violation? TakesDesignations(string groupId, GroupKind kind, DateTimeOffset? closedAt)
    {
        if (closedAt is not null)
        {
            return new Violation("REG-2", groupId, "the body is closed: it takes no new designations or meetings");
        }

        return RegistryRules.MayHoldCases(kind)
            ? null
            : new Violation("REG-2", groupId, "plenary and restricted formations hold no cases: nobody is designated in them with case access");
    }

    /// <summary>REG-2: a closed body takes no new meetings.</summary>
    public static Violation? TakesMeetings(string groupId, DateTimeOffset? closedAt) =>
        closedAt is null ? null : new Violation("REG-2", groupId, "the body is closed: it takes no new meetings");

    /// <summary>REG-2: a body is closed once.</summary>
    public static Violation? Close(string groupId, DateTimeOffset? closedAt) =>
        closedAt is null ? null : new Violation("REG-2", groupId, "the body is already closed");
}
