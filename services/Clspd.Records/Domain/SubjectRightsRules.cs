using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>REC-10: the person's rights on their file.</summary>
public static class SubjectRightsRules
{
    /// <summary>REC-10: an identity is rectified while the person holds a case (access decides on cases; without one the person is about to be destroyed, REC-7).</summary>
    public static Violation? Rectifiable(int casesHeld) =>
        casesHeld > 0 ? null : new Violation("REC-10", "subject_ref", "the person has no case left: their identity is no longer rectified, it is about to be destroyed");
}
