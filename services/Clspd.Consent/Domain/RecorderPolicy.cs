namespace Clspd.Consent.Domain;

/// <summary>
/// Who may record informings and decisions for a subject, and read its consent: the configured
/// recorders, bootstrap administrators and services always; otherwise a participant designated
/// (in force) in one of the subject's groups, or in the group a named discussion is about.
/// </summary>
public static class RecorderPolicy
{
    public static bool IsDesignatedForSubject(IEnumerable<string> designatedGroupIds, IReadOnlyList<string> subjectGroups, string? groupId)
    {
        var groups = new HashSet<string>(subjectGroups, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(groupId))
        {
            groups.Add(groupId);
        }

        return designatedGroupIds.Any(groups.Contains);
    }
}
