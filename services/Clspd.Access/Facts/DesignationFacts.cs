using Clspd.Access.Domain;
using Clspd.Registry.V1;

namespace Clspd.Access.Facts;

/// <summary>A registry designation as the policy sees it.</summary>
public static class DesignationFacts
{
    /// <summary>The designation, with its binding to a meeting (and its date) or a measure (REG-4).</summary>
    public static DesignationFact From(Designation d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Role, d.CouncilId, d.GroupId, d.InstitutionKind, d.CaseRef, d.ValidFrom.ToDateTimeOffset(), d.ValidTo.ToDateTimeOffset(), d.RevokedAt?.ToDateTimeOffset(),
            d.CharterOk, d.GroupKind, d.MeetingId, d.MeetingDate is { } day ? new DateOnly(day.Year, day.Month, day.Day) : null, d.MeasureRef, d.BreachId);
    }
}
