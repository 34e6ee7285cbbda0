namespace Clspd.Records.Domain;

/// <summary>Rules on what a case may hold (REC-2, REC-3, REC-5) and when it ends (REC-4, REC-7).</summary>
public static class CaseRules
{
    /// <summary>REC-3: the single free-text field.</summary>
    public const int ElementsMaxLength = 500;

    /// <summary>REC-7: hard maximum of the archive period.</summary>
    public const int MaxArchiveMonths = 36;

    /// <summary>Reason codes a referral may carry at most.</summary>
    public const int MaxReasons = 5;

    /// <summary>
    /// REC-2: a social professional referring under the social-action code records only the need
    /// for coordination, never the nature of the difficulties. Returns the refusal, or null.
    /// </summary>
    public static string? ReferralProblem(bool socialActionOrigin, IReadOnlyCollection<int> reasons, int needForCoordination)
    {
        if (reasons.Count == 0)
        {
            return "a referral carries at least one reason code";
        }

        if (reasons.Count > MaxReasons || reasons.Distinct().Count() != reasons.Count)
        {
            return $"a referral carries 1 to {MaxReasons} distinct reason codes";
        }

        if (socialActionOrigin && (reasons.Count != 1 || reasons.First() != needForCoordination))
        {
            return "a referral by a social professional under the social-action code records only the need for coordination, never the nature of the difficulties";
        }

        return null;
    }

    /// <summary>REC-7: a case is destroyed at the earlier of end + archive period and the 25th birthday.</summary>
    public static DateOnly DestroyOn(DateOnly endDate, int archiveMonths, DateOnly turns25On)
    {
        var due = endDate.AddMonths(archiveMonths);
        return due < turns25On ? due : turns25On;
    }

    /// <summary>REC-7: the archive period is 1 month to 3 years. Returns the refusal, or null.</summary>
    public static string? ArchivePeriodProblem(int months) =>
        months is < 1 or > MaxArchiveMonths
            ? $"Records:ArchiveMonths must be between 1 and {MaxArchiveMonths} (REC-7: at most three years), got {months}"
            : null;

    /// <summary>REC-3: an end date is not before the start and not in the future.</summary>
    public static string? EndDateProblem(DateOnly start, DateOnly end, DateOnly today) =>
        end < start ? $"must not be before the start date {start:yyyy-MM-dd}"
        : end > today ? "must not be in the future"
        : null;
}
